/* The system rosettactl looks at: every path to the outside world (the
 * root, proc, sysfs, binfmt_misc, the share's mount point, the init's
 * configuration file) and the init's configuration read from them, so that
 * the tests point every command and check at a fixture tree. */
#ifndef ROSETTACTL_TARGET_H
#define ROSETTACTL_TARGET_H

#include <limits.h>
#include <stddef.h>

#include "args.h"
#include "init/config.h"
#include "lib/error.h"
#include "probes.h"

struct rctl_target {
	char root[PATH_MAX];	    /* "/": where absolute paths of the system are */
	char proc[PATH_MAX];	    /* ROOT/proc */
	char sys[PATH_MAX];	    /* ROOT/sys */
	char binfmt_dir[PATH_MAX];  /* PROC/sys/fs/binfmt_misc */
	char config_file[PATH_MAX]; /* ROOT/etc/rosetta-init.conf */
	char mount[PATH_MAX];	    /* ROOT + rosetta.mount: the share, as seen here */
	char translator[PATH_MAX];  /* MOUNT/rosetta */
	/* The init's configuration: the file, then PROC/cmdline's rosetta.*
	 * keys, as its stage config applies them. */
	struct config cfg;
	int config_warnings; /* keys or values the init would warn about */
	/* The running kernel's answers (rctl_probe_kernel), empty until the
	 * program asks. */
	struct rctl_probes probes;
};

/* Fill t from the paths given (NULL: the defaults above) and read the
 * configuration. A missing configuration file or command line is no error
 * (a system not booted by rosetta-init has neither). Returns 0, or -errno
 * with the reason in e (a path too long, a file that cannot be read). */
int rctl_target_init(struct rctl_target *t, const struct rctl_where *w, struct error_record *e);

/* path (absolute, as the system names it: an entry's interpreter,
 * /lib64/ld-linux-x86-64.so.2) as seen from here: under t->root. Returns
 * buf, or NULL when it does not fit. */
const char *rctl_target_path(const struct rctl_target *t, const char *path, char *buf, size_t size);

/* The other way: a path seen from here (t->translator, t->binfmt_dir) as
 * the system names it, what the mount table says: path without t->root
 * when it is under it, else path itself. Returns buf, or NULL when it does
 * not fit. */
const char *rctl_target_system_path(const struct rctl_target *t, const char *path, char *buf,
				    size_t size);

/* The same for a path under t->proc ("self/auxv") or t->sys. */
const char *rctl_proc_path(const struct rctl_target *t, const char *rel, char *buf, size_t size);
const char *rctl_sys_path(const struct rctl_target *t, const char *rel, char *buf, size_t size);

#endif
