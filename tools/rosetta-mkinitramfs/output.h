/* The output: standard output, a device or FIFO written in place, or a regular file replaced
 * only once the new archive is complete (see tmpfile.h), so that OUT is never partial, never
 * a mix of two runs, and no other file is ever written through it. */
#ifndef MKINITRAMFS_OUTPUT_H
#define MKINITRAMFS_OUTPUT_H

#include "lib/error.h"
#include "tmpfile.h"

struct output {
	int fd;
	char *path;	    /* NULL: standard output */
	int in_place;	    /* path is written directly */
	struct tmpfile tmp; /* otherwise: the new file, renamed over path on commit */
};

/* Uses standard output when path is NULL. When path exists and is not a regular file (a
 * device, a FIFO, /dev/stdout), it is opened and written in place. Otherwise a new file is
 * made in path's directory with tmpfile_open (flags as there; 0 in the program). */
int output_open(struct output *o, const char *path, int flags, struct error_record *err);

/* Puts the output in place: closes it, or commits the new file over path. On failure the
 * new file is removed and path left as it was. Standard output is left open. */
int output_commit(struct output *o, struct error_record *err);

/* Closes the output; a new file is removed. */
void output_abort(struct output *o);

/* The name used for the output in messages. */
const char *output_name(const struct output *o);

#endif
