/* The applier's messages; see apply.h. */
#include "apply.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "entry_path.h"

/* Room for a name in a message; the rest of ERROR_TEXT_MAX holds the rule. */
#define NAME_SHOWN 512

static int record(struct apply_ctx *c, int err, bool system, const char *rule)
{
	char name[NAME_SHOWN];

	entry_path_quote(c->name ? c->name : "", name, sizeof(name));
	if (system)
		return error_system(c->e, err, "%s: entry '%s': %s", c->label, name, rule);
	return error_set(c->e, err, "%s: entry '%s': %s", c->label, name, rule);
}

int apply_refuse(struct apply_ctx *c, int err, const char *fmt, ...)
{
	char rule[ERROR_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rule, sizeof(rule), fmt, ap);
	va_end(ap);
	return record(c, err, false, rule);
}

/* The errnos a call gives when the layers do not fit the tree they make. */
static bool input_errno(int err)
{
	switch (-err) {
	case ENOENT:
	case ENOTDIR:
	case ELOOP:
	case EEXIST:
	case EISDIR:
	case ENAMETOOLONG:
	case EXDEV:
	case EMLINK:
	case ENOTEMPTY:
	case EINVAL:
		return true;
	default:
		return false;
	}
}

int apply_fail(struct apply_ctx *c, int err, const char *what)
{
	char rule[ERROR_TEXT_MAX];
	int saved = errno;

	errno = -err;
	snprintf(rule, sizeof(rule), "%s: %m", what);
	errno = saved;
	return record(c, err, !input_errno(err), rule);
}

int apply_parent_fail(struct apply_ctx *c, int err)
{
	if (err == -ELOOP)
		return apply_refuse(
		    c, -EINVAL,
		    "a directory on its path is a symbolic link: a layer never writes "
		    "through one");
	return apply_fail(c, err, "cannot open its directory");
}
