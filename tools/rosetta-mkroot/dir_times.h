/*
 * Directories' modes and times, set after the last layer: every entry written
 * into a directory changes its time, and a directory the image makes read-only
 * must stay writable while layers are applied (the process may not be root).
 */
#ifndef MKROOT_DIR_TIMES_H
#define MKROOT_DIR_TIMES_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "lib/error.h"

struct dir_time {
	char *path; /* normalized, inside the root */
	mode_t mode;
	struct timespec times[2]; /* atime, mtime; UTIME_OMIT when the tar had none */
};

/* Zeroed before the first layer; dir_times_free() after the last. */
struct dir_times {
	struct dir_time *v;
	size_t n, cap;
};

/* Remember path's mode and times (a later call for the same path wins).
 * Returns 0 or -ENOMEM. */
int dir_times_add(struct dir_times *dt, const char *path, mode_t mode,
		  const struct timespec times[2]);

/* Set every remembered directory's mode, then its times, deepest first, so
 * that a directory made unwritable or unsearchable does not stop the ones
 * below it. A path that is no longer a directory (a later layer removed or
 * replaced it) is passed over. Returns 0 or -errno, recorded in e. */
int dir_times_apply(int root_fd, const struct dir_times *dt, struct error_record *e);

void dir_times_free(struct dir_times *dt);

#endif
