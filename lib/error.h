/*
 * The error record: what a library fills when an errno alone would not say what failed
 * (which file, option, line or child, and why), for the program's one reporter to print.
 * A parser may record several failures, one per bad line; most functions record one.
 */
#ifndef LIB_ERROR_H
#define LIB_ERROR_H

#include <limits.h>
#include <stdbool.h>

/* Failures kept; those past it are counted, not kept. */
#define ERROR_MAX      8
#define ERROR_TEXT_MAX (PATH_MAX + 256)

struct error_message {
	unsigned int line; /* the line of a file it is about, 0 for none */
	char text[ERROR_TEXT_MAX];
};

struct error_record {
	int err;	    /* -errno of the first failure, 0 while none */
	bool system;	    /* a failure was the system's (memory, I/O, a child), not the input's */
	unsigned int count; /* failures recorded, may exceed ERROR_MAX */
	struct error_message msg[ERROR_MAX];
};

void error_init(struct error_record *e);

/*
 * Record a failure of the input; "%m" in fmt is strerror(-err). Returns err (a negative
 * errno), so that a caller can `return error_set(e, -ENOENT, "no %s", name)`. e may be NULL.
 */
int error_set(struct error_record *e, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As error_set, for a failure of the system: out of memory, an I/O error, a child. */
int error_system(struct error_record *e, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As error_set with -EINVAL, for line of file: the text starts with "FILE:LINE: ". */
int error_line(struct error_record *e, const char *file, unsigned int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
