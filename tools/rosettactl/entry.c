/* The Rosetta entry and its interpreter; see entry.h. */
#include "entry.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/binfmtfs.h"
#include "lib/in_root.h"
#include "binfmt/runnable.h"

/* Where the kernel would open it: the root's path. */
static int check_runnable(const struct rctl_target *t, struct rctl_entry *en)
{
	int root_fd, r = in_root_dir_open(t->root, &root_fd);

	if (r < 0)
		return r;
	r = binfmt_interp_runnable(root_fd, en->st.interpreter, &en->rule);
	if (root_fd >= 0)
		close(root_fd);
	return r;
}

static enum rctl_pin compare_pin(const struct rctl_target *t, const char *interpreter)
{
	char path[PATH_MAX];
	struct stat a, b;

	if (!rctl_target_path(t, interpreter, path, sizeof(path)) || stat(path, &a) < 0 ||
	    stat(t->translator, &b) < 0)
		return RCTL_PIN_UNKNOWN;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino ? RCTL_PIN_SAME : RCTL_PIN_OTHER;
}

void rctl_entry_read(const struct rctl_target *t, struct rctl_entry *en)
{
	char sys[PATH_MAX];

	memset(en, 0, sizeof(*en));
	en->fs_err = rctl_target_system_path(t, t->binfmt_dir, sys, sizeof(sys))
			 ? rctl_mount_find(t, sys, true, &en->fs)
			 : -ENAMETOOLONG;
	en->enabled_all = binfmt_fs_global_status(t->binfmt_dir);
	en->err = binfmt_fs_read(t->binfmt_dir, t->cfg.binfmt_name, &en->st);
	if (en->err == -EINVAL && !en->st.bad_lines)
		en->err = -ENOENT; /* a name the kernel cannot hold: no such entry */
	if (en->err < 0 && en->err != -EINVAL)
		return;
	en->runnable_err = check_runnable(t, en);
	en->pin = compare_pin(t, en->st.interpreter);
}

bool rctl_entry_fs_mounted(const struct rctl_entry *en)
{
	return en->fs.found && !strcmp(en->fs.fstype, "binfmt_misc");
}

bool rctl_entry_has_flag(const struct rctl_entry *en, char flag)
{
	return strchr(en->st.flags, flag) != NULL;
}
