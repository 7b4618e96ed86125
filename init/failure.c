/* The failure record that stages return instead of printing. */
#include "context.h"

#include <errno.h>
#include <stdio.h>

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
