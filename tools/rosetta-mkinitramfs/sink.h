/* A buffered file descriptor behind the cpio write callback, so that the many small header
 * and padding writes do not each become a system call. */
#ifndef MKINITRAMFS_SINK_H
#define MKINITRAMFS_SINK_H

#include <stddef.h>

#define SINK_BUF 65536

struct fd_sink {
	int fd;
	size_t len;
	unsigned char buf[SINK_BUF];
};

void fd_sink_init(struct fd_sink *s, int fd);

/* A cpio_write_fn: ctx is a struct fd_sink. Returns 0 or a negative errno. */
int fd_sink_write(void *ctx, const void *buf, size_t len);

/* Writes out what is buffered. Returns 0 or a negative errno. */
int fd_sink_flush(struct fd_sink *s);

#endif
