/* Who keeps the entry across a restart of systemd-binfmt: that service
 * unregisters every entry when it stops and registers those of its
 * binfmt.d files when it starts, so an entry no file names is wiped. */
#ifndef ROSETTACTL_OWNER_H
#define ROSETTACTL_OWNER_H

#include <stdbool.h>
#include <stddef.h>

#include "target.h"

/* Does a binfmt.d file under the root (as systemd-binfmt picks them:
 * libbinfmt's binfmtd_collect) register an entry called name? Returns 1
 * with the file in path, 0 when none does, or -errno. */
int rctl_binfmtd_owner(const struct rctl_target *t, const char *name, char *path, size_t size);

/* Is systemd-binfmt installed in the root? */
bool rctl_has_systemd_binfmt(const struct rctl_target *t);

/* The unit of packaging/systemd that runs rosettactl activate after every
 * start of systemd-binfmt, in place of a binfmt.d file. */
#define RCTL_ACTIVATE_UNIT "rosetta-activate.service"

/* Is that unit enabled in the root (its link in sysinit.target.wants)?
 * Returns 1 with the link in path, else 0. */
int rctl_activate_unit_enabled(const struct rctl_target *t, char *path, size_t size);

#endif
