/* Collected messages and the exit status they add up to; see report.h. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

/* Large enough for any one message a sink is given; a longer one is cut. */
#define SINK_MSG_MAX 1024

void report_init(struct report *rep)
{
	*rep = (struct report){ 0 };
}

void report_free(struct report *rep)
{
	for (size_t i = 0; i < rep->count; i++)
		free(rep->msgs[i]);
	free(rep->msgs);
	report_init(rep);
}

static bool keep(struct report *rep, char *msg)
{
	if (rep->count == rep->cap) {
		size_t cap = rep->cap ? 2 * rep->cap : 8;
		char **v = realloc(rep->msgs, cap * sizeof(*v));

		if (!v)
			return false;
		rep->msgs = v;
		rep->cap = cap;
	}
	rep->msgs[rep->count++] = msg;
	return true;
}

static void raise_code(struct report *rep, int code)
{
	if (code > rep->code)
		rep->code = code;
}

int report_vadd(struct report *rep, int code, const char *fmt, va_list ap)
{
	char *msg;

	rep->added++;
	raise_code(rep, code);
	if (rep->sink) {
		/* No allocation: a sink may be PID 1's, reporting as it boots. */
		char buf[SINK_MSG_MAX];

		vsnprintf(buf, sizeof(buf), fmt, ap);
		rep->sink(rep->arg, code, buf);
		return rep->code;
	}
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	if (!msg || !keep(rep, msg)) {
		free(msg);
		rep->lost = true;
		raise_code(rep, CLI_EXIT_SYSTEM);
	}
	return rep->code;
}

int report_add(struct report *rep, int code, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = report_vadd(rep, code, fmt, ap);
	va_end(ap);
	return r;
}

void report_print(const struct report *rep, FILE *out, const char *prog)
{
	for (size_t i = 0; i < rep->count; i++)
		fprintf(out, "%s: %s\n", prog, rep->msgs[i]);
	if (rep->lost)
		fprintf(out, "%s: out of memory: some messages were lost\n", prog);
}
