/* The failure record that stages return instead of printing, and its one
 * report. */
#include "context.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

int fail(struct failure *f, int err, const char *remedy, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->what, sizeof(f->what), fmt, ap);
	va_end(ap);
	f->err = err;
	f->remedy = remedy;
	/* No errno: the stage failed on what it was given, not on a call. */
	return err > 0 ? -err : -EINVAL;
}

void failure_log(const struct failure *f)
{
	if (f->err)
		log_error("%s failed: %s: %s", f->stage, f->what, strerror(f->err));
	else
		log_error("%s failed: %s", f->stage, f->what);
	log_error("remedy: %s", f->remedy);
}
