/* Piping the archive through the system's gzip or zstd. */
#ifndef MKINITRAMFS_COMPRESS_H
#define MKINITRAMFS_COMPRESS_H

#include <sys/types.h>

#include "lib/error.h"

enum compress_method {
	COMPRESS_NONE,
	COMPRESS_GZIP,
	COMPRESS_ZSTD,
};

/* "gzip", "zstd" or "none"; -EINVAL for anything else. */
int compress_parse(const char *s, enum compress_method *m);

/* gzip for a name ending in ".gz", zstd for ".zst", none otherwise (and for NULL). */
enum compress_method compress_for_name(const char *name);

/* The program run for m, or NULL for COMPRESS_NONE. */
const char *compress_program(enum compress_method m);

struct compressor {
	pid_t pid;
	int in_fd; /* write the uncompressed archive here */
	enum compress_method method;
};

/* Starts the compressor with its stdin a pipe (c->in_fd) and its stdout out_fd. The child
 * runs without GZIP, ZSTD_CLEVEL and ZSTD_NBTHREADS in its environment, which would change
 * its output. Failing to run the program is reported here. */
int compress_start(struct compressor *c, enum compress_method m, int out_fd,
		   struct error_record *err);

/* Closes c->in_fd, waits for the compressor and checks that it exited with status 0. */
int compress_finish(struct compressor *c, struct error_record *err);

#endif
