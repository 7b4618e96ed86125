/* The init's own context for the commands that run its code (activate and
 * test): the target's paths and configuration in a struct boot_ctx, and the
 * init's log lines handed to rosettactl's report, so that they read as the
 * init writes them ("share ... ok (9 ms): tag 'rosetta' mounted read-only on
 * ...", "warning: register: disabled ..."), without the console's time
 * stamps. */
#ifndef ROSETTACTL_INITCTX_H
#define ROSETTACTL_INITCTX_H

#include <limits.h>

#include "init/stages.h"
#include "lib/report.h"
#include "target.h"

struct rctl_init {
	struct boot_ctx ctx;
	char cmdline[PATH_MAX]; /* PROC/cmdline */
};

/* Fill in from t; program is the self-test program (NULL: SELFTEST_PROGRAM).
 * Returns 0, or -ENAMETOOLONG when PROC/cmdline does not fit. */
int rctl_init_ctx(struct rctl_init *in, const struct rctl_target *t, const char *program);

/* From now on the init's log lines are messages of rep: error lines raise
 * its status to CLI_EXIT_FAILED, the others leave it. */
void rctl_init_log_to(struct report *rep);

#endif
