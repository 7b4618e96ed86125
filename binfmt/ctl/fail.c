/* Failed operations as messages and exit statuses; see fail.h. */
#include "fail.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/cli.h"

static int fail(struct report *rep, int code, const char *cause, const char *fmt, va_list ap)
{
	char *head;

	if (vasprintf(&head, fmt, ap) < 0)
		head = NULL;
	if (!head) /* out of memory: the cause alone, and the system's fault */
		return report_add(rep, CLI_EXIT_SYSTEM, "%s", cause);
	report_add(rep, code, "%s: %s", head, cause);
	free(head);
	return rep->code;
}

int ctl_fail_op(struct report *rep, int err, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fail(rep, ctl_exit_code(err, NULL), binfmt_error_text(err, NULL), fmt, ap);
	va_end(ap);
	return r;
}

int ctl_fail_rule(struct report *rep, int err, const struct binfmt_rule *rule, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fail(rep, ctl_exit_code(err, rule), binfmt_error_text(err, rule), fmt, ap);
	va_end(ap);
	return r;
}

int ctl_exit_code(int err, const struct binfmt_rule *rule)
{
	if (err == 0)
		return CLI_EXIT_OK;
	if (rule && rule->broken != BINFMT_OK)
		return CLI_EXIT_FAILED; /* the input broke a rule */
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
		return CLI_EXIT_FAILED;
	default:
		return CLI_EXIT_SYSTEM;
	}
}
