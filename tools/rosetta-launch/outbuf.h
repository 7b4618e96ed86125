/*
 * Output that never blocks the launcher: a bounded queue in front of a descriptor written
 * without waiting. A pipe, FIFO or terminal is reopened through /proc/self/fd with
 * O_NONBLOCK, a file description of its own, so that the flag reaches nobody who shares the
 * original (qemu's standard error, the shell); a socket is written with MSG_DONTWAIT; a
 * regular file or block device as it is (its writes end). When the reopening fails, a write
 * goes out only when poll says there is room, and no more than PIPE_BUF bytes at once.
 * Returns 0 or -errno; never prints.
 */
#ifndef ROSETTA_LAUNCH_OUTBUF_H
#define ROSETTA_LAUNCH_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LAUNCH_OUT_SIZE 65536

enum launch_out_mode {
	LAUNCH_OUT_PLAIN,    /* a file: write() */
	LAUNCH_OUT_NONBLOCK, /* a description of our own with O_NONBLOCK */
	LAUNCH_OUT_SOCKET,   /* send(MSG_DONTWAIT) */
	LAUNCH_OUT_GUARDED,  /* poll first, PIPE_BUF at most */
};

struct launch_out {
	int fd;
	enum launch_out_mode mode;
	int err; /* the errno that broke the output; from then on bytes are thrown away */
	size_t start, len;
	char buf[LAUNCH_OUT_SIZE];
};

/* Set o up to write to fd; a FIFO with no reader is an output broken with EPIPE. */
int launch_out_open(struct launch_out *o, int fd);

/* How much launch_out_put takes now: all of it once the output is broken. */
size_t launch_out_room(const struct launch_out *o);

/* Queue up to launch_out_room bytes; how many were taken. */
size_t launch_out_put(struct launch_out *o, const char *p, size_t n);

/* Write what is queued, as far as the reader takes it now: the bytes written (0 when the
 * reader takes none), or -errno once the output is broken (what was queued is dropped). */
ssize_t launch_out_flush(struct launch_out *o);

/* Bytes queued and not written. */
size_t launch_out_pending(const struct launch_out *o);

/* Close the descriptor opened for o, if any. */
void launch_out_close(struct launch_out *o);

/* Write all of buf to fd, waiting for room for up to timeout_ms in all. 0, -ETIMEDOUT, or
 * -errno; for a message, whose writer must not hang on a reader that stopped. */
int launch_write_within(int fd, const char *buf, size_t n, int timeout_ms);

#endif
