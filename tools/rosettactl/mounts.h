/* What the mount table says of a path: which mount holds it, its
 * filesystem, its source (a virtio-fs share's tag) and whether it is
 * read-only, from PROC/self/mountinfo through libmount. The table names
 * paths as the system does, so a caller passes those, not fixture paths. */
#ifndef ROSETTACTL_MOUNTS_H
#define ROSETTACTL_MOUNTS_H

#include <limits.h>
#include <stdbool.h>

#include "target.h"

struct rctl_mount {
	bool found;
	char target[PATH_MAX]; /* the mount point */
	char source[256];      /* a virtio-fs share's tag */
	char fstype[64];
	bool read_only;
	bool fuse; /* virtiofs or a fuse.* filesystem */
};

/* The mount holding path (absolute, as the system names it): the one on
 * the deepest mount point above it, the last mounted there when several
 * are. exact: only a mount on path itself. Returns 0 (m->found false when
 * none), or -errno when the mount table cannot be read. */
int rctl_mount_find(const struct rctl_target *t, const char *path, bool exact,
		    struct rctl_mount *m);

#endif
