/* Filling the error record; formatting only, never printing. See error.h. */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_init(struct error_record *e)
{
	memset(e, 0, sizeof(*e));
}

/* The slot for the next failure, NULL once ERROR_MAX are kept. */
static struct error_message *next_slot(struct error_record *e, int err, bool system)
{
	struct error_message *m = e->count < ERROR_MAX ? &e->msg[e->count] : NULL;

	if (e->count == 0)
		e->err = err;
	e->system |= system;
	e->count++;
	return m;
}

static int record(struct error_record *e, int err, bool system, const char *file, unsigned int line,
		  const char *fmt, va_list ap)
{
	struct error_message *m = e ? next_slot(e, err, system) : NULL;
	int saved = errno, n = 0;

	if (!m)
		return err;
	m->line = line;
	if (file)
		n = snprintf(m->text, sizeof(m->text), "%s:%u: ", file, line);
	if (n < 0 || (size_t)n >= sizeof(m->text))
		n = 0;
	errno = -err; /* what "%m" names */
	vsnprintf(m->text + n, sizeof(m->text) - (size_t)n, fmt, ap);
	errno = saved;
	return err;
}

int error_set(struct error_record *e, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = record(e, err, false, NULL, 0, fmt, ap);
	va_end(ap);
	return err;
}

int error_system(struct error_record *e, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = record(e, err, true, NULL, 0, fmt, ap);
	va_end(ap);
	return err;
}

int error_line(struct error_record *e, const char *file, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(e, -EINVAL, false, file, line, fmt, ap);
	va_end(ap);
	return -EINVAL;
}
