/* What went wrong while a command ran, collected for main.c, the only place
 * that prints errors, together with the exit status it implies. A command
 * can fail on several objects (load names every bad line), so this is a
 * list, not one message. */
#ifndef BINFMTCTL_REPORT_H
#define BINFMTCTL_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "binfmt/rule.h"

/* The exit statuses of docs/CONVENTIONS.md. */
enum ctl_exit {
	CTL_EXIT_OK = 0,
	CTL_EXIT_FAILED = 1, /* bad input, entry refused, conflict, check failed */
	CTL_EXIT_USAGE = 2,
	CTL_EXIT_SYSTEM = 3, /* out of memory, permission, I/O: not the input's fault */
};

struct ctl_report {
	char **msgs;
	size_t count, cap;
	int code;  /* the worst exit status recorded */
	bool lost; /* a message could not be kept (out of memory) */
};

void ctl_report_init(struct ctl_report *rep);
void ctl_report_free(struct ctl_report *rep);

/* Record a message and raise the exit status to at least code. Returns
 * rep->code, so that commands can "return ctl_fail(...)". */
int ctl_fail(struct ctl_report *rep, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As ctl_fail for a failed operation: "cannot OP OBJECT: cause", the exit
 * status chosen from err (a -errno). */
int ctl_fail_op(struct ctl_report *rep, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same for a libbinfmt call that may have found a rule broken: the
 * cause is the rule's phrase when rule names one (exit status 1), else as
 * ctl_fail_op. */
int ctl_fail_rule(struct ctl_report *rep, int err, const struct binfmt_rule *rule, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));

/* The exit status an error implies: the input's fault (a rule broken, no
 * such entry or file, refused by the kernel) is 1; the system's is 3. rule
 * may be NULL. */
int ctl_exit_code(int err, const struct binfmt_rule *rule);

#endif
