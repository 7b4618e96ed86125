/* Operations on a mounted binfmt_misc filesystem. Every function takes the
 * directory it is mounted on, so tests can point it at a private mount. */
#ifndef BINFMT_BINFMTFS_H
#define BINFMT_BINFMTFS_H

#include "entry.h"

#define BINFMT_DEFAULT_DIR "/proc/sys/fs/binfmt_misc"

enum binfmt_install_action {
	BINFMT_ADDED,	 /* no entry of that name existed */
	BINFMT_KEPT,	 /* an identical entry was already registered */
	BINFMT_REPLACED, /* a different entry of that name was removed first */
};

/* 1 if dir is a mounted binfmt_misc, 0 if it is something else, -errno. */
int binfmt_fs_is_mounted(const char *dir);

/* Read dir/name into st. -ENOENT when there is no such entry. */
int binfmt_fs_read(const char *dir, const char *name, struct binfmt_status *st);

/* Write "1" (enable), "0" (disable) or "-1" (remove) to dir/name. */
int binfmt_fs_control(const char *dir, const char *name, const char *word);

/* Write the register string of e to dir/register. */
int binfmt_fs_register(const char *dir, const struct binfmt_entry *e);

/* Make the kernel hold exactly e: keep an identical entry, replace a
 * different one of the same name, then read it back. -EPROTO when what the
 * kernel reports afterwards differs from e. */
int binfmt_fs_install(const char *dir, const struct binfmt_entry *e,
		      enum binfmt_install_action *action);

#endif
