/* A new file written beside its target and then renamed over it, so that the target is at
 * every moment either its old self or the complete new file, whatever else runs at the same
 * time. The file is new and private: unnamed (O_TMPFILE) where the file system supports it,
 * else created under a fresh random name with O_EXCL, which never opens an existing file and
 * never follows a symlink. */
#ifndef MKINITRAMFS_TMPFILE_H
#define MKINITRAMFS_TMPFILE_H

#include "lib/error.h"

struct tmpfile {
	int fd;
	char *target;
	char *name; /* the temporary name; NULL while the file has none (O_TMPFILE) */
};

/* For tmpfile_open: do not try O_TMPFILE, as where the file system lacks it. */
#define TMPFILE_NAMED 1

/* Creates the file in target's directory, mode 0666 less the umask. A named file is
 * ".BASE.XXXXXXXXXXXX" there, registered with cleanup_arm so that SIGINT, SIGTERM and SIGHUP
 * remove it. Returns 0 or a negative errno, reported into err. */
int tmpfile_open(struct tmpfile *t, const char *target, int flags, struct error_record *err);

/* Flushes the file to disk (fsync), gives it a temporary name if it has none (linkat),
 * renames it over target and closes it: of two commits to one target, the last one wins,
 * each with its whole file. On failure the file is removed and target left as it was. */
int tmpfile_commit(struct tmpfile *t, struct error_record *err);

/* Closes and removes the file. */
void tmpfile_abort(struct tmpfile *t);

#endif
