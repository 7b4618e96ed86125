/* Console and kernel log output of rosetta-init. */
#ifndef INIT_LOG_H
#define INIT_LOG_H

#include "config.h"
/* boot_ms(): the clock of the console's stamps, and of the stages' deadlines. */
#include "lib/clock.h"

/* Open /dev/kmsg for the kernel log copy; without it only the console is
 * written. Safe to call again once /dev is mounted. */
void log_open_kmsg(void);

/* What reaches the console from now on (rosetta.quiet, rosetta.debug):
 * QUIET keeps warnings and errors there (info lines still go to the kernel
 * log), NORMAL adds info lines, DEBUG adds log_debug() lines. */
void log_set_level(enum log_level level);

/* Where console lines go instead, when a program other than PID 1 runs the
 * stages (rosettactl activate): fn gets each line's label ("warning: ",
 * "error: ", "debug: " or "") and text, unstamped, to print as its own
 * reporter prints. The kernel log copy is not affected (a program that
 * never calls log_open_kmsg has none). NULL: the console again. */
typedef void (*log_sink_fn)(void *arg, const char *label, const char *msg);
void log_set_sink(log_sink_fn fn, void *arg);

void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
