/* The entry's working directory and user; see entry_setup.h. The groups go
 * first and the uid last: once the uid is not 0, the rest is not allowed. */
#include "entry_setup.h"

#include <errno.h>
#include <grp.h>
#include <unistd.h>

int entry_setup(const struct config *cfg, enum entry_step *step)
{
	*step = ENTRY_STEP_CHDIR;
	if (chdir(cfg->workdir) < 0)
		return -errno;
	if (!cfg->has_user)
		return 0;
	*step = ENTRY_STEP_SETGROUPS;
	if (setgroups(1, &cfg->gid) < 0)
		return -errno;
	*step = ENTRY_STEP_SETGID;
	if (setgid(cfg->gid) < 0)
		return -errno;
	*step = ENTRY_STEP_SETUID;
	if (setuid(cfg->uid) < 0)
		return -errno;
	return 0;
}

int entry_setup_fail(const struct config *cfg, enum entry_step step, int err, struct failure *f)
{
	static const char *const what[] = {
		[ENTRY_STEP_SETGROUPS] = "groups to just",
		[ENTRY_STEP_SETGID] = "gid to",
		[ENTRY_STEP_SETUID] = "uid to",
	};
	unsigned int uid = (unsigned int)cfg->uid, gid = (unsigned int)cfg->gid;

	if (step == ENTRY_STEP_CHDIR)
		return fail(f, err,
			    "set rosetta.workdir= to a directory of the tree the entry may enter",
			    "changing to the entry's working directory %s", cfg->workdir);
	return fail(f, err, "set rosetta.user=UID:GID to a user the kernel accepts",
		    "setting the entry's %s %u (rosetta.user=%u:%u)", what[step],
		    step == ENTRY_STEP_SETUID ? uid : gid, uid, gid);
}
