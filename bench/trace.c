/* Parsing ftrace's text format and turning a boot's events into its
 * milestones; see trace.h. A line looks like
 *   "            init-1       [000] d....     9.154539: console: rosetta-init: ..."
 * that is COMM-PID, [CPU], flags, SECONDS.MICROS, then the event. */
#include "trace.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The pid is the number between the last '-' of COMM-PID and the padding
 * before " [CPU]"; COMM itself may hold dashes and spaces. */
static int parse_pid(const char *line, const char *bracket, unsigned *pid)
{
	const char *end = bracket, *p;

	while (end > line && end[-1] == ' ')
		end--;
	p = end;
	while (p > line && is_digit(p[-1]))
		p--;
	if (p == end || p == line || p[-1] != '-' || end - p > 9)
		return -1;
	*pid = (unsigned)strtoul(p, NULL, 10);
	return 0;
}

/* "SECONDS.MICROS:" with exactly six digits after the point. */
static const char *parse_time(const char *s, uint64_t *us)
{
	char *end;
	unsigned long long sec, frac;

	if (!is_digit(*s))
		return NULL;
	sec = strtoull(s, &end, 10);
	if (*end != '.' || !is_digit(end[1]))
		return NULL;
	s = end + 1;
	frac = strtoull(s, &end, 10);
	if (end - s != 6 || *end != ':')
		return NULL;
	*us = sec * 1000000 + frac;
	return end + 1;
}

static int parse_event(char *s, struct trace_event *ev)
{
	size_t n = strcspn(s, "(: ");

	if (n == 0 || !s[n])
		return -1;
	ev->name = s;
	if (s[n] == '(') {
		ev->kind = TRACE_SYS_ENTER;
		ev->args = s + n + 1;
	} else if (starts_with(s + n, " -> ")) {
		ev->kind = TRACE_SYS_EXIT;
		ev->args = s + n + 4;
	} else if (starts_with(s + n, ": ")) {
		ev->kind = TRACE_EVENT;
		ev->args = s + n + 2;
	} else {
		return -1;
	}
	s[n] = '\0';
	return 0;
}

int trace_parse_line(char *line, struct trace_event *ev)
{
	char *bracket = line, *p;

	if (line[0] == '#')
		return -1;
	/* " [CPU] ": the first bracketed number after some text. */
	for (;;) {
		bracket = strstr(bracket, " [");
		if (!bracket)
			return -1;
		p = bracket + 2;
		while (is_digit(*p))
			p++;
		if (p > bracket + 2 && starts_with(p, "] "))
			break;
		bracket++;
	}
	if (parse_pid(line, bracket, &ev->pid) < 0)
		return -1;
	p += 2 + strcspn(p + 2, " "); /* the flags, such as "d...." */
	while (*p == ' ')
		p++;
	p = (char *)parse_time(p, &ev->us);
	if (!p || *p != ' ')
		return -1;
	return parse_event(p + 1, ev);
}
