/* The Rosetta entry in binfmt_misc as the kernel reports it, and what its
 * interpreter is now: can the kernel open it (libbinfmt's
 * binfmt_interp_runnable, inside the root), and is it the share's
 * translator (the file an F entry pinned when it was registered)? */
#ifndef ROSETTACTL_ENTRY_H
#define ROSETTACTL_ENTRY_H

#include <stdbool.h>

#include "binfmt/entry.h"
#include "mounts.h"
#include "target.h"

enum rctl_pin {
	RCTL_PIN_UNKNOWN, /* no entry, or a file could not be examined */
	RCTL_PIN_SAME,	  /* the interpreter is the share's translator (device, inode) */
	RCTL_PIN_OTHER,	  /* another file */
};

struct rctl_entry {
	struct rctl_mount fs; /* the mount on the binfmt_misc directory */
	int fs_err;	      /* reading the mount table */
	int enabled_all;      /* binfmt_misc's own status: 1 on, 0 off, -errno */
	int err;	      /* reading the entry: -ENOENT none, -EINVAL not understood */
	struct binfmt_status st;
	int runnable_err; /* binfmt_interp_runnable's, rule below */
	struct binfmt_rule rule;
	enum rctl_pin pin;
};

/* Read entry rosetta.binfmt.name. Never fails: what could not be read is
 * in the _err fields. */
void rctl_entry_read(const struct rctl_target *t, struct rctl_entry *en);

/* Is binfmt_misc mounted on the directory (the mount table says so)? */
bool rctl_entry_fs_mounted(const struct rctl_entry *en);

/* Does the entry's flag letter appear in what the kernel reports? */
bool rctl_entry_has_flag(const struct rctl_entry *en, char flag);

#endif
