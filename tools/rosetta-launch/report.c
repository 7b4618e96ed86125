/* The launcher's messages; see report.h. */
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outbuf.h"
#include "rundir.h"

/* How long one message waits for room on the standard error. */
#define NOTE_WAIT_MS 1000
#define RO_NOTE	     "read-only: the source bind-mounted read-only in a mount namespace of its own"

void launch_note(const char *text, size_t n)
{
	launch_write_within(STDERR_FILENO, text, n, NOTE_WAIT_MS);
}

void launch_say(const char *fmt, ...)
{
	char line[1024];
	size_t n = (size_t)snprintf(line, sizeof(line), "%s: ", LAUNCH_PROG);
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (r > 0)
		n += (size_t)r < sizeof(line) - n - 1 ? (size_t)r : sizeof(line) - n - 2;
	line[n++] = '\n';
	launch_note(line, n);
}

int launch_print_command(FILE *f, const char *prefix, const struct launch_argv *a, bool ro)
{
	char *words, *line;
	int n;

	if (launch_shell_join(a->v, a->n, &words) < 0)
		return -ENOMEM;
	n = asprintf(&line, "%s%s%s\n", prefix, words, ro ? "  # " RO_NOTE : "");
	free(words);
	if (n < 0)
		return -ENOMEM;
	if (f)
		fputs(line, f);
	else
		launch_note(line, (size_t)n);
	free(line);
	return 0;
}

void launch_quote_log(const struct launch_share *sh)
{
	char tail[1024], text[2048];
	char *line, *save = NULL;
	size_t n = 0;

	if (launch_read_tail(sh->log, tail, sizeof(tail)) < 0 || !tail[0])
		return;
	for (line = strtok_r(tail, "\n", &save); line && n < sizeof(text);
	     line = strtok_r(NULL, "\n", &save))
		n += (size_t)snprintf(text + n, sizeof(text) - n, "  %s\n", line);
	launch_note(text, n < sizeof(text) ? n : sizeof(text) - 1);
}
