/* The failure record that stages return instead of printing. */
#include "context.h"

#include <stdio.h>

int fail(struct failure *f, int err, const char *remedy, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->what, sizeof(f->what), fmt, ap);
	va_end(ap);
	f->err = err;
	f->remedy = remedy;
	return -1;
}
