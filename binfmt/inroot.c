/* Paths resolved inside a root directory with openat2(RESOLVE_IN_ROOT). */
#include "inroot.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same on every architecture */
#endif

int binfmt_open_in_root(int root_fd, const char *path, int flags)
{
	struct open_how how = { .flags = (uint64_t)(unsigned int)flags,
				.resolve = RESOLVE_IN_ROOT };
	long fd;

	if (root_fd == AT_FDCWD)
		fd = openat(AT_FDCWD, path, flags);
	else
		fd = syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
	return fd < 0 ? -errno : (int)fd;
}

int binfmt_root_open(const char *root, int *root_fd)
{
	int fd;

	*root_fd = AT_FDCWD;
	if (!root || root[strspn(root, "/")] == '\0')
		return 0;
	fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*root_fd = fd;
	return 0;
}
