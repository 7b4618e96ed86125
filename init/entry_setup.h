/* What the entry's child does between fork and execve: change to the working
 * directory and become the user the configuration names (rosetta.workdir,
 * rosetta.user, or the image config's). Services and exec mode do neither. */
#ifndef INIT_ENTRY_SETUP_H
#define INIT_ENTRY_SETUP_H

#include "context.h"

enum entry_step {
	ENTRY_STEP_CHDIR,
	ENTRY_STEP_SETGROUPS,
	ENTRY_STEP_SETGID,
	ENTRY_STEP_SETUID,
};

/* What the child tells the supervisor when a step failed, over a pipe that
 * execve closes. */
struct entry_setup_report {
	int step; /* enum entry_step */
	int err;  /* errno */
};

/* chdir to cfg->workdir, then, with cfg->has_user, the groups (just gid),
 * the gid and the uid. 0, or -errno with *step the one that failed. */
int entry_setup(const struct config *cfg, enum entry_step *step);

/* Fill f (stage run) for a step that failed with errno err. Returns -err. */
int entry_setup_fail(const struct config *cfg, enum entry_step step, int err, struct failure *f);

#endif
