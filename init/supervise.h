/* Supervise mode of rosetta-init: run the entry, reap every process. */
#ifndef INIT_SUPERVISE_H
#define INIT_SUPERVISE_H

#include <signal.h>

#include "context.h"

/* The signals PID 1 takes synchronously (blocked, then waited for). */
void supervise_signals(sigset_t *set);

/* Start the entry as a session leader on the console, forward termination
 * signals to its process group, reap every child, and return the entry's
 * status as a shell does: its exit code, or 128 + the signal number. */
int supervise_entry(const struct boot_ctx *ctx);

#endif
