/* The mount holding a path, from the mount table; see mounts.h. */
#include "mounts.h"

#include <errno.h>
#include <libmount.h>
#include <stdio.h>
#include <string.h>

/* How far target covers path: its length when path is target or below
 * it, else -1. */
static long covers(const char *target, const char *path)
{
	size_t n = strlen(target);

	if (!strcmp(target, "/"))
		return 1;
	if (strncmp(path, target, n) != 0 || (path[n] != '/' && path[n] != '\0'))
		return -1;
	return (long)n;
}

static bool has_option(const char *optstr, const char *name)
{
	return optstr && mnt_optstr_get_option(optstr, name, NULL, NULL) == 0;
}

static void describe(struct libmnt_fs *fs, struct rctl_mount *m)
{
	const char *type = mnt_fs_get_fstype(fs), *src = mnt_fs_get_source(fs);

	m->found = true;
	snprintf(m->target, sizeof(m->target), "%s", mnt_fs_get_target(fs));
	snprintf(m->source, sizeof(m->source), "%s", src ? src : "");
	snprintf(m->fstype, sizeof(m->fstype), "%s", type ? type : "");
	m->read_only = has_option(mnt_fs_get_vfs_options(fs), "ro") ||
		       has_option(mnt_fs_get_fs_options(fs), "ro");
	m->fuse = !strcmp(m->fstype, "virtiofs") || !strncmp(m->fstype, "fuse", 4);
}

/* The best mount for path in tb, or NULL. */
static struct libmnt_fs *best(struct libmnt_table *tb, const char *path, bool exact)
{
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs, *found = NULL;
	long depth = -1;

	while (it && mnt_table_next_fs(tb, it, &fs) == 0) {
		const char *target = mnt_fs_get_target(fs);
		long d = target ? covers(target, path) : -1;

		if (exact && (!target || strcmp(target, path) != 0))
			continue;
		if (d >= depth) { /* the later of two on one point is on top */
			depth = d;
			found = fs;
		}
	}
	mnt_free_iter(it);
	return depth < 0 ? NULL : found;
}

int rctl_mount_find(const struct rctl_target *t, const char *path, bool exact, struct rctl_mount *m)
{
	char file[PATH_MAX];
	struct libmnt_table *tb;
	struct libmnt_fs *fs;
	int r;

	memset(m, 0, sizeof(*m));
	if (!rctl_proc_path(t, "self/mountinfo", file, sizeof(file)))
		return -ENAMETOOLONG;
	tb = mnt_new_table();
	if (!tb)
		return -ENOMEM;
	r = mnt_table_parse_file(tb, file);
	if (r == 0 && (fs = best(tb, path, exact)))
		describe(fs, m);
	mnt_unref_table(tb);
	return r > 0 ? -EINVAL : r;
}
