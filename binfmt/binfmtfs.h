/* Operations on a mounted binfmt_misc filesystem. Every function takes the
 * directory it is mounted on, so tests can point it at a private mount. */
#ifndef BINFMT_BINFMTFS_H
#define BINFMT_BINFMTFS_H

#include "status_file.h"

#define BINFMT_DEFAULT_DIR "/proc/sys/fs/binfmt_misc"

enum binfmt_install_action {
	BINFMT_ADDED,	 /* no entry of that name existed */
	BINFMT_KEPT,	 /* an identical entry was already registered */
	BINFMT_REPLACED, /* a different entry of that name was removed first */
};

/* 1 if dir is a mounted binfmt_misc, 0 if it is something else, -errno. */
int binfmt_fs_is_mounted(const char *dir);

/* Mount binfmt_misc on dir (nosuid, nodev, noexec) unless it is there
 * already; an autofs mount point there is triggered, not mounted over.
 * binfmt_misc takes no source and no options, so this is one mount(2).
 * Returns 0 or -errno. */
int binfmt_fs_ensure_mounted(const char *dir);

/* Call fn for each entry name in dir, sorted; stops when fn returns
 * non-zero and returns that. Returns 0 or -errno. */
int binfmt_fs_list(const char *dir, int (*fn)(void *arg, const char *name), void *arg);

/* The same in the order the kernel tries the entries for a program (see
 * pick.h): the directory's own, newest registered first. */
int binfmt_fs_list_tried(const char *dir, int (*fn)(void *arg, const char *name), void *arg);

/* 1 when binfmt_misc is enabled as a whole (dir/status), 0 when not, -errno. */
int binfmt_fs_global_status(const char *dir);

/* Write "1", "0" or "-1" (remove every entry) to dir/status. */
int binfmt_fs_global_control(const char *dir, const char *word);

/* Call fn for each registered entry other than e itself that could match
 * the same files (binfmt_entries_overlap). An entry that cannot be read
 * does not stop the walk: every other one is still checked, and then its
 * -errno is returned (-EINVAL for a status not understood). Returns 0, fn's
 * non-zero value, or -errno. */
int binfmt_fs_conflicts(const char *dir, const struct binfmt_entry *e,
			int (*fn)(void *arg, const struct binfmt_entry *other, bool enabled),
			void *arg);

/* Read dir/name into st. -ENOENT when there is no such entry; -EINVAL with
 * st->bad_lines set when part of its status could not be read (st holds
 * the rest, see binfmt_status_parse). */
int binfmt_fs_read(const char *dir, const char *name, struct binfmt_status *st);

/* Write "1" (enable), "0" (disable) or "-1" (remove) to dir/name. */
int binfmt_fs_control(const char *dir, const char *name, const char *word);

/* Write the register string of e to dir/register. */
int binfmt_fs_register(const char *dir, const struct binfmt_entry *e);

/* Make the kernel hold exactly e: keep an identical entry, replace a
 * different one of the same name, then read it back. -EPROTO when what the
 * kernel reports afterwards differs from e. When registering e fails after
 * the old entry was removed, the old entry is registered again. */
int binfmt_fs_install(const char *dir, const struct binfmt_entry *e,
		      enum binfmt_install_action *action);

#endif
