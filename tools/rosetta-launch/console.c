/* The console scanner; see console.h. */
#include <string.h>

#include "console.h"

void console_scan_init(struct console_scan *s)
{
	memset(s, 0, sizeof(*s));
	s->status = -1;
}

static const char *find_last(const char *hay, size_t len, const char *needle)
{
	size_t nlen = strlen(needle), off = 0;
	const char *last = NULL, *p;

	while (off + nlen <= len && (p = memmem(hay + off, len - off, needle, nlen))) {
		last = p;
		off = (size_t)(p - hay) + 1;
	}
	return last;
}

/*
 * A line "ends in the status text" when the prefix is followed by 1 to 3 digits and then
 * only blanks; output the entry left without a newline may precede it on the same line.
 */
int console_line_status(const char *line, size_t len)
{
	size_t plen = strlen(CONSOLE_STATUS_PREFIX);
	const char *p = find_last(line, len, CONSOLE_STATUS_PREFIX);
	const char *end = line + len;
	int v = 0, digits = 0;

	if (!p)
		return -1;
	for (p += plen; p < end && *p >= '0' && *p <= '9' && digits <= 3; p++, digits++)
		v = v * 10 + (*p - '0');
	if (digits == 0 || digits > 3 || v > 255)
		return -1;
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t')
			return -1;
	return v;
}

static bool line_has(const struct console_scan *s, const char *text)
{
	return memmem(s->line, s->len, text, strlen(text)) != NULL;
}

static void check_marks(struct console_scan *s)
{
	if (line_has(s, LAUNCH_PANIC_TEXT))
		s->panic = true;
	if (line_has(s, LAUNCH_POWEROFF_TEXT))
		s->power_down = true;
}

/* The init's lines start with its name, the kernel's with its time stamp. */
static bool line_is_entrys(const struct console_scan *s)
{
	static const char init[] = "rosetta-init: ";

	if (s->len >= sizeof(init) - 1 && !memcmp(s->line, init, sizeof(init) - 1))
		return false;
	return s->len == 0 || s->line[0] != '[';
}

static void check_entry(struct console_scan *s)
{
	if (!s->entry_started)
		s->entry_started = line_has(s, CONSOLE_ENTRY_STARTED);
	else if (!s->entry_output)
		s->entry_output = line_is_entrys(s);
}

static void end_line(struct console_scan *s)
{
	int status;

	while (s->len && s->line[s->len - 1] == '\r')
		s->len--;
	check_marks(s);
	check_entry(s);
	status = console_line_status(s->line, s->len);
	if (status >= 0)
		s->status = status;
	s->len = 0;
}

/* The line buffer is full: look at it, then keep only its tail. */
static void squeeze(struct console_scan *s)
{
	check_marks(s);
	memmove(s->line, s->line + s->len - LAUNCH_CONSOLE_KEEP, LAUNCH_CONSOLE_KEEP);
	s->len = LAUNCH_CONSOLE_KEEP;
}

void console_scan_feed(struct console_scan *s, const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			end_line(s);
			continue;
		}
		if (s->len == sizeof(s->line))
			squeeze(s);
		s->line[s->len++] = buf[i];
	}
}

void console_scan_finish(struct console_scan *s)
{
	if (s->len)
		end_line(s);
}
