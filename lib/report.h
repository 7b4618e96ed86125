/* What went wrong while a program ran, for its one reporter: messages and
 * the worst exit status they imply. A run can fail on several objects
 * (every bad line of a file, every entry refused), so this is a list, kept
 * until the program prints it, or handed one by one to a sink when the
 * program reports as it goes (rosetta-init's configuration warnings). */
#ifndef LIB_REPORT_H
#define LIB_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Receives each message as it is added; msg lives until it returns. */
typedef void (*report_sink_fn)(void *arg, int code, const char *msg);

struct report {
	report_sink_fn sink; /* NULL: messages are kept in msgs */
	void *arg;
	char **msgs;
	size_t count, cap;
	size_t added; /* messages added, kept or sunk */
	int code;     /* the worst (highest) status added */
	bool lost;    /* a message could not be kept (out of memory) */
};

/* An empty report keeping its messages; set sink and arg after to send
 * them elsewhere. */
void report_init(struct report *rep);
void report_free(struct report *rep);

/* Add a message and raise rep->code to at least code. Returns rep->code,
 * so that a function can "return report_add(...)". A message that cannot
 * be kept (out of memory) sets lost and raises the code to CLI_EXIT_SYSTEM. */
int report_add(struct report *rep, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int report_vadd(struct report *rep, int code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* "PROG: message" per kept message, and one line for lost ones. */
void report_print(const struct report *rep, FILE *out, const char *prog);

#endif
