/* The commands that act on the running system rather than look at a tree
 * (activate, deactivate, test, bench): the kernel's binfmt_misc entries
 * and the programs they run name this system's paths, so --root means
 * nothing to them. Their shared usage checks. */
#ifndef ROSETTACTL_HERE_H
#define ROSETTACTL_HERE_H

#include "args.h"

/* No --root; --program, --translator and --state not empty. Returns 0 or
 * rctl_usage_error(). */
int rctl_check_here(const struct rctl_args *a, struct rctl_usage *err);

#endif
