/* The interpreter checks of open_exec(), through one O_PATH descriptor. */
#include "runnable.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "rule.h"
#include "lib/in_root.h"

/* Root passes with any execute bit, as the kernel lets it; other users
 * learn the rest from the kernel's EACCES. */
static int check(int fd, struct binfmt_rule *rule)
{
	struct statvfs sv;
	struct stat st;

	if (fstat(fd, &st) < 0 || fstatvfs(fd, &sv) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return binfmt_rule_break(rule, BINFMT_E_INTERP_DIR);
	if (!S_ISREG(st.st_mode))
		return binfmt_rule_break(rule, BINFMT_E_INTERP_NOT_REGULAR);
	if (!(st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return binfmt_rule_break(rule, BINFMT_E_INTERP_NOT_EXEC);
	if (sv.f_flag & ST_NOEXEC)
		return binfmt_rule_break(rule, BINFMT_E_INTERP_NOEXEC_MOUNT);
	return 0;
}

int binfmt_interp_runnable(int root_fd, const char *path, struct binfmt_rule *rule)
{
	int r, fd;

	binfmt_rule_clear(rule);
	fd = in_root_open(root_fd, path, O_PATH | O_CLOEXEC, 0);
	if (fd == -ENOENT || fd == -ENOTDIR)
		return binfmt_rule_break(rule, BINFMT_E_INTERP_MISSING);
	if (fd < 0)
		return fd;
	r = check(fd, rule);
	close(fd);
	return r;
}
