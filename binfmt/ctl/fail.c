/* Failed operations as messages and exit statuses; see fail.h. */
#include "fail.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "binfmt/error.h"
#include "lib/cli.h"

int ctl_fail_op(struct report *rep, int err, const char *fmt, ...)
{
	int code = ctl_exit_code(err);
	va_list ap;
	char *head;

	va_start(ap, fmt);
	if (vasprintf(&head, fmt, ap) < 0)
		head = NULL;
	va_end(ap);
	if (!head) /* out of memory: the cause alone, and the system's fault */
		return report_add(rep, CLI_EXIT_SYSTEM, "%s", binfmt_strerror(err));
	report_add(rep, code, "%s: %s", head, binfmt_strerror(err));
	free(head);
	return rep->code;
}

int ctl_exit_code(int err)
{
	if (err == 0)
		return CLI_EXIT_OK;
	if (err > 0)
		return CLI_EXIT_FAILED; /* a binfmt_error: the input broke a rule */
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
