/* The output file: written as OUT.tmp and renamed over OUT only once complete, so that OUT
 * is never a partial archive. */
#ifndef MKINITRAMFS_OUTPUT_H
#define MKINITRAMFS_OUTPUT_H

#include "mkerr.h"

struct output {
	int fd;
	char *path; /* NULL: standard output */
	char *tmp;  /* NULL: written in place */
};

/* Creates path.tmp (mode 0666 less the umask), or uses standard output when path is NULL.
 * When path exists and is not a regular file (a device, a FIFO, /dev/stdout), it is opened
 * and written in place instead. */
int output_open(struct output *o, const char *path, struct mkerr *err);

/* Closes the file and renames path.tmp to path. On failure the temporary file is removed.
 * Standard output is left open. */
int output_commit(struct output *o, struct mkerr *err);

/* Closes and removes the temporary file. */
void output_abort(struct output *o);

/* The name used for the output in messages. */
const char *output_name(const struct output *o);

#endif
