/* Collected error messages and the exit status they add up to. */
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ctl_report_init(struct ctl_report *rep)
{
	*rep = (struct ctl_report){ 0 };
}

void ctl_report_free(struct ctl_report *rep)
{
	for (size_t i = 0; i < rep->count; i++)
		free(rep->msgs[i]);
	free(rep->msgs);
	ctl_report_init(rep);
}

static void keep(struct ctl_report *rep, char *msg)
{
	if (rep->count == rep->cap) {
		size_t cap = rep->cap ? 2 * rep->cap : 8;
		char **v = realloc(rep->msgs, cap * sizeof(*v));

		if (!v) {
			free(msg);
			rep->lost = true;
			return;
		}
		rep->msgs = v;
		rep->cap = cap;
	}
	rep->msgs[rep->count++] = msg;
}

static int add(struct ctl_report *rep, int code, const char *cause, const char *fmt, va_list ap)
{
	char *head, *msg;

	if (vasprintf(&head, fmt, ap) < 0)
		head = NULL;
	msg = head;
	if (head && cause) {
		if (asprintf(&msg, "%s: %s", head, cause) < 0)
			msg = NULL;
		free(head);
	}
	if (msg) {
		keep(rep, msg);
	} else {
		rep->lost = true;
		code = CTL_EXIT_SYSTEM; /* out of memory */
	}
	if (code > rep->code)
		rep->code = code;
	return rep->code;
}

int ctl_fail(struct ctl_report *rep, int code, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = add(rep, code, NULL, fmt, ap);
	va_end(ap);
	return r;
}

int ctl_fail_op(struct ctl_report *rep, int err, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = add(rep, ctl_exit_code(err, NULL), strerror(-err), fmt, ap);
	va_end(ap);
	return r;
}

int ctl_fail_rule(struct ctl_report *rep, int err, const struct binfmt_rule *rule, const char *fmt,
		  ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = add(rep, ctl_exit_code(err, rule), binfmt_error_text(err, rule), fmt, ap);
	va_end(ap);
	return r;
}

int ctl_exit_code(int err, const struct binfmt_rule *rule)
{
	if (err == 0)
		return CTL_EXIT_OK;
	if (rule && rule->broken != BINFMT_OK)
		return CTL_EXIT_FAILED; /* the input broke a rule */
	switch (-err) {
	case ENOENT:	   /* no such entry, file or directory */
	case ENOTDIR:	   /* a path through a file */
	case EISDIR:	   /* a directory where a file was wanted */
	case ELOOP:	   /* a symbolic link where none is followed */
	case EEXIST:	   /* the kernel holds an entry of that name */
	case EINVAL:	   /* the kernel refused what it was given */
	case ENAMETOOLONG: /* a name or path too long for the kernel */
	case EPROTO:	   /* the kernel reports something else than was registered */
	case ENOEXEC:	   /* not a binfmt_misc entry */
		return CTL_EXIT_FAILED;
	default:
		return CTL_EXIT_SYSTEM;
	}
}
