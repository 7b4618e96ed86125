/* Error record filled by the library parts of rosetta-mkinitramfs, so that main.c, the only
 * place that prints, can say which object failed and why, and pick the exit status. */
#ifndef MKINITRAMFS_MKERR_H
#define MKINITRAMFS_MKERR_H

#include <limits.h>

/* The values are the exit statuses of docs/CONVENTIONS.md. */
enum mkerr_kind {
	MKERR_INPUT = 1,
	MKERR_SYSTEM = 3,
};

/* The spec parser reports every bad line; the rest report one error. Messages beyond
 * MKERR_MAX are counted but not kept. */
#define MKERR_MAX 8

struct mkerr_msg {
	unsigned line; /* spec line number, 0 when the message is not about a line */
	char text[PATH_MAX + 256];
};

struct mkerr {
	enum mkerr_kind kind; /* the worst kind recorded */
	unsigned count;	      /* messages recorded, may exceed MKERR_MAX */
	struct mkerr_msg msg[MKERR_MAX];
};

void mkerr_init(struct mkerr *e);

/* Records a message; when err is non-zero, ": strerror(err)" is appended. Returns -err, or
 * -EINVAL when err is 0, so that callers can "return mkerr_set(...)". */
int mkerr_set(struct mkerr *e, enum mkerr_kind kind, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* As mkerr_set, for a line of a file: the text starts with "FILE:LINE: ". */
int mkerr_line(struct mkerr *e, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
