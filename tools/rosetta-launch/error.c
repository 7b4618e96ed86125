/* Filling the launcher's error record; see error.h. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int launch_fail(struct launch_error *err, int errnum, const char *fmt, ...)
{
	if (err) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -errnum;
}
