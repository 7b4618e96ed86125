/*
 * Carrying out a launch that passed its preflight: print its commands (--dry-run), or run
 * them, from starting the virtiofsds and qemu to tearing them down. Each reports its
 * failures (report.h) and returns the launcher's exit code: the entry's status, or one of
 * lib/cli.h's CLI_EXIT_TIMEOUT, CLI_EXIT_LAUNCHER, CLI_EXIT_NO_STATUS, or 128+N for a
 * signal.
 */
#ifndef ROSETTA_LAUNCH_RUN_H
#define ROSETTA_LAUNCH_RUN_H

#include "options.h"
#include "plan.h"

int launch_dry_run(const struct launch_config *cfg, struct launch_plan *plan);

int launch_run(const struct launch_config *cfg, struct launch_plan *plan);

#endif
