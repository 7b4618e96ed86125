/*
 * rosetta-launch's one reporter: every message the launcher prints goes out through here,
 * on the standard error, and never blocks the launch: a message waits a bounded time for
 * room and is dropped after it, whatever the reader of the standard error does.
 */
#ifndef ROSETTA_LAUNCH_REPORT_H
#define ROSETTA_LAUNCH_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "argv.h"
#include "plan.h"

#define LAUNCH_PROG "rosetta-launch"

/* text as it is: whole lines. */
void launch_note(const char *text, size_t n);

/* One line, "rosetta-launch: " and the message. */
void launch_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A command, shell-quoted after prefix; a read-only share's says so in a comment. To f
 * (--dry-run prints on stdout) or, with f NULL, as a message (--verbose). 0 or -ENOMEM. */
int launch_print_command(FILE *f, const char *prefix, const struct launch_argv *a, bool ro);

/* The end of what a share's virtiofsd wrote to its log, indented, as one message. */
void launch_quote_log(const struct launch_share *sh);

#endif
