/*
 * Everything checked before anything starts: the files and directories named on the
 * command line, the programs to run, the accelerator, the kernel command line. The
 * result is a plan with no shares laid out yet (that needs the run directory).
 */
#ifndef ROSETTA_LAUNCH_PREFLIGHT_H
#define ROSETTA_LAUNCH_PREFLIGHT_H

#include "lib/error.h"
#include "options.h"
#include "plan.h"

/*
 * 0, or -errno with err saying what is wrong and how to fix it. With cfg->dry_run the
 * files need not exist and a program that is not found keeps the name it was given.
 */
int launch_preflight(const struct launch_config *cfg, const char *path_env,
		     struct launch_plan *plan, struct error_record *err);

#endif
