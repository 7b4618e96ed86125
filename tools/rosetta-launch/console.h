/*
 * Watching the guest console for what rosetta-init and the kernel report: the line
 * "rosetta-init: exit status N" (the last one wins), any "Kernel panic", the kernel's
 * "reboot: Power down" (a clean power-off, whoever asked for it), and the entry's first
 * line: the first one after the init said it started the entry that is neither the init's
 * nor the kernel's. The scanner is
 * fed the console output in whatever chunks it arrives; it keeps no more than one
 * bounded line. Pure.
 */
#ifndef ROSETTA_LAUNCH_CONSOLE_H
#define ROSETTA_LAUNCH_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/contract.h"

#define LAUNCH_PANIC_TEXT    "Kernel panic"
#define LAUNCH_POWEROFF_TEXT "reboot: Power down"
#define LAUNCH_CONSOLE_LINE  512
/* What survives of an over-long line: enough to hold a whole status line or either mark. */
#define LAUNCH_CONSOLE_KEEP 64

struct console_scan {
	char line[LAUNCH_CONSOLE_LINE];
	size_t len;
	int status; /* 0..255, or -1 while none was seen */
	bool panic;
	bool power_down;
	bool entry_started; /* the init's "run: started" line went by */
	bool entry_output;  /* and then a line of the entry's */
};

void console_scan_init(struct console_scan *s);
void console_scan_feed(struct console_scan *s, const char *buf, size_t n);
/* End of output: judge a last line that had no newline. */
void console_scan_finish(struct console_scan *s);

/* The status a line reports (the line ends in the status text), or -1. */
int console_line_status(const char *line, size_t len);

#endif
