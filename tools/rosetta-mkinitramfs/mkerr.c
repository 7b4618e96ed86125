/* Filling the error record; formatting only, never printing. */
#include "mkerr.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mkerr_init(struct mkerr *e)
{
	memset(e, 0, sizeof(*e));
	e->kind = MKERR_INPUT;
}

static struct mkerr_msg *next_slot(struct mkerr *e, enum mkerr_kind kind)
{
	struct mkerr_msg *m = NULL;

	if (e->count == 0 || kind == MKERR_SYSTEM)
		e->kind = kind;
	if (e->count < MKERR_MAX)
		m = &e->msg[e->count];
	e->count++;
	return m;
}

static void append_errno(struct mkerr_msg *m, int err)
{
	size_t len = strlen(m->text);

	if (err != 0 && len < sizeof(m->text))
		snprintf(m->text + len, sizeof(m->text) - len, ": %s", strerror(err));
}

int mkerr_set(struct mkerr *e, enum mkerr_kind kind, int err, const char *fmt, ...)
{
	struct mkerr_msg *m = next_slot(e, kind);

	if (m) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(m->text, sizeof(m->text), fmt, ap);
		va_end(ap);
		m->line = 0;
		append_errno(m, err);
	}
	return err != 0 ? -err : -EINVAL;
}

int mkerr_line(struct mkerr *e, const char *file, unsigned line, const char *fmt, ...)
{
	struct mkerr_msg *m = next_slot(e, MKERR_INPUT);

	if (m) {
		va_list ap;
		int n = snprintf(m->text, sizeof(m->text), "%s:%u: ", file, line);

		if (n < 0 || (size_t)n >= sizeof(m->text))
			n = 0;
		va_start(ap, fmt);
		vsnprintf(m->text + n, sizeof(m->text) - n, fmt, ap);
		va_end(ap);
		m->line = line;
	}
	return -EINVAL;
}
