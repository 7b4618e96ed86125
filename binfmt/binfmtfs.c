/* binfmt_misc filesystem operations: detection, mounting, listing, reading
 * entries, registering and controlling them, and finding competing entries. */
#include "binfmtfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "lib/dir_names.h"
#include "match.h"
#include "register_string.h"

int binfmt_fs_is_mounted(const char *dir)
{
	struct statfs sfs;
	int fd, r;

	/* O_PATH first, as systemd does: statfs on a path under /proc/sys could
	 * trigger the automount that some systems put there. */
	fd = open(dir, O_PATH | O_CLOEXEC | O_DIRECTORY);
	if (fd < 0)
		return -errno;
	r = fstatfs(fd, &sfs);
	if (r < 0)
		r = -errno;
	else
		r = sfs.f_type == BINFMTFS_MAGIC;
	close(fd);
	return r;
}

int binfmt_fs_ensure_mounted(const char *dir)
{
	struct statfs sfs;

	/* statfs(2) follows an automount point as any lookup does: systemd's
	 * proc-sys-fs-binfmt_misc.automount mounts binfmt_misc for it, and
	 * one call tells whether the filesystem is there. */
	if (statfs(dir, &sfs) < 0)
		return -errno;
	if (sfs.f_type == BINFMTFS_MAGIC)
		return 0;
	/* Nothing on binfmt_misc should be run, set-id or a device node. */
	if (mount("binfmt_misc", dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	return 0;
}

static int path_in(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[PATH_MAX + BINFMT_NAME_MAX + 2];
	ssize_t n;
	int fd, r = path_in(path, sizeof(path), dir, name);

	if (r < 0)
		return r;
	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	/* binfmt_misc takes each write as one whole command. */
	n = write(fd, text, len);
	r = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

/* binfmt_misc files are generated in one read; text is NUL-terminated. */
static int read_text(const char *dir, const char *name, char *text, size_t size)
{
	char path[PATH_MAX + BINFMT_NAME_MAX + 2];
	ssize_t n;
	int fd, r = path_in(path, sizeof(path), dir, name);

	if (r < 0)
		return r;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	n = read(fd, text, size - 1);
	r = n < 0 ? -errno : 0;
	close(fd);
	if (r == 0)
		text[n] = '\0';
	return r;
}

int binfmt_fs_read(const char *dir, const char *name, struct binfmt_status *st)
{
	char text[BINFMT_STATUS_MAX + 1];
	int r;

	memset(st, 0, sizeof(*st));
	if (binfmt_name_validate(name, NULL) < 0)
		return -EINVAL;
	r = read_text(dir, name, text, sizeof(text));
	return r < 0 ? r : binfmt_status_parse(text, st);
}

int binfmt_fs_control(const char *dir, const char *name, const char *word)
{
	if (binfmt_name_validate(name, NULL) < 0)
		return -EINVAL;
	return write_file(dir, name, word, strlen(word));
}

int binfmt_fs_register(const char *dir, const struct binfmt_entry *e)
{
	char line[2 * BINFMT_PATH_MAX + 8 * BINFMT_MAGIC_MAX];
	int len = binfmt_entry_format(e, line, sizeof(line));

	if (len < 0)
		return len;
	return write_file(dir, "register", line, (size_t)len);
}

/* Put back the entry a failed replacement removed: the caller's error
 * stays what it reports, and the kernel keeps the handler it had. */
static void restore(const char *dir, const struct binfmt_status *old, const char *name)
{
	struct binfmt_entry e;

	if (binfmt_status_to_entry(old, name, &e) == 0 && binfmt_fs_register(dir, &e) == 0 &&
	    !old->enabled)
		binfmt_fs_control(dir, name, "0");
}

int binfmt_fs_install(const char *dir, const struct binfmt_entry *e,
		      enum binfmt_install_action *action)
{
	struct binfmt_status old, now;
	int r = binfmt_fs_read(dir, e->name, &old);

	/* An entry of that name that cannot be read whole is not identical:
	 * it is replaced (and cannot be put back should e fail). */
	if (r == -EINVAL && old.bad_lines)
		r = 0;
	if (r == 0 && binfmt_status_matches(&old, e)) {
		*action = BINFMT_KEPT;
		return 0;
	}
	if (r < 0 && r != -ENOENT)
		return r;
	*action = r == 0 ? BINFMT_REPLACED : BINFMT_ADDED;
	if (r == 0) {
		r = binfmt_fs_control(dir, e->name, "-1");
		if (r < 0)
			return r;
	}
	r = binfmt_fs_register(dir, e);
	if (r < 0 && *action == BINFMT_REPLACED)
		restore(dir, &old, e->name);
	if (r == 0)
		r = binfmt_fs_read(dir, e->name, &now);
	if (r == 0 && !binfmt_status_matches(&now, e))
		r = -EPROTO;
	return r;
}

/* The control files that live beside the entries. */
static bool is_control_file(const char *name)
{
	return !strcmp(name, "register") || !strcmp(name, "status");
}

static int list_names(const char *dir, bool sorted, int (*fn)(void *arg, const char *name),
		      void *arg)
{
	/* Read whole first: a callback may remove or add entries. */
	struct dir_names ns;
	DIR *d = opendir(dir);
	int r;

	if (!d)
		return -errno;
	r = sorted ? dir_names_read(d, &ns) : dir_names_read_unsorted(d, &ns);
	closedir(d);
	for (size_t i = 0; r == 0 && i < ns.n; i++)
		if (!is_control_file(ns.v[i]))
			r = fn(arg, ns.v[i]);
	dir_names_free(&ns);
	return r;
}

int binfmt_fs_list(const char *dir, int (*fn)(void *arg, const char *name), void *arg)
{
	return list_names(dir, true, fn, arg);
}

int binfmt_fs_list_tried(const char *dir, int (*fn)(void *arg, const char *name), void *arg)
{
	return list_names(dir, false, fn, arg);
}

int binfmt_fs_global_status(const char *dir)
{
	char text[32];
	int r = read_text(dir, "status", text, sizeof(text));

	if (r < 0)
		return r;
	if (!strcmp(text, "enabled\n"))
		return 1;
	return !strcmp(text, "disabled\n") ? 0 : -EINVAL;
}

int binfmt_fs_global_control(const char *dir, const char *word)
{
	if (strcmp(word, "1") != 0 && strcmp(word, "0") != 0 && strcmp(word, "-1") != 0)
		return -EINVAL;
	return write_file(dir, "status", word, strlen(word));
}

struct conflict_walk {
	const char *dir;
	const struct binfmt_entry *e;
	int (*fn)(void *arg, const struct binfmt_entry *other, bool enabled);
	void *arg;
	int unreadable; /* why the first entry that could not be checked was not */
};

/* An entry that cannot be read does not stop the walk: the others are
 * still checked, and the caller learns of it at the end. */
static int check_conflict(void *arg, const char *name)
{
	struct conflict_walk *w = arg;
	struct binfmt_status st;
	struct binfmt_entry other;
	int r;

	if (!strcmp(name, w->e->name))
		return 0;
	r = binfmt_fs_read(w->dir, name, &st);
	if (r == -ENOENT)
		return 0; /* removed since the directory was read */
	if (r == 0)
		r = binfmt_status_to_entry(&st, name, &other);
	if (r != 0) {
		if (!w->unreadable)
			w->unreadable = r < 0 ? r : -EINVAL;
		return 0;
	}
	return binfmt_entries_overlap(w->e, &other) ? w->fn(w->arg, &other, st.enabled) : 0;
}

int binfmt_fs_conflicts(const char *dir, const struct binfmt_entry *e,
			int (*fn)(void *arg, const struct binfmt_entry *other, bool enabled),
			void *arg)
{
	struct conflict_walk w = { .dir = dir, .e = e, .fn = fn, .arg = arg };
	int r = binfmt_fs_list(dir, check_conflict, &w);

	return r ? r : w.unreadable;
}
