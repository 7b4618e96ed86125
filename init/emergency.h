/* The native debug shell, and what PID 1 does after a failed stage. */
#ifndef INIT_EMERGENCY_H
#define INIT_EMERGENCY_H

#include <stdbool.h>

#include "context.h"

/* Debian's aarch64 busybox in the initramfs (make DEBUG_SHELL=1, the
 * default). After the switch the same path is the tree's own shell. */
#define DEBUG_SHELL_PATH "/bin/sh"

bool debug_shell_available(void);

/* Run the debug shell on the console and wait until it exits. why is shown
 * first. Returns 0, or -errno when there is no shell or it cannot start. */
int debug_shell_run(const char *why);

/* Report a failed stage (stage, cause, remedy) and follow rosetta.emergency:
 * the debug shell (then power off), power off, halt or reboot. */
void __attribute__((noreturn)) emergency(const struct boot_ctx *ctx, const struct failure *f);

#endif
