/* Every binfmt_misc entry in the order the kernel tries them, which of
 * them match x86-64 ELF programs, and the one the kernel runs for them
 * (libbinfmt's binfmt_fs_pick): a qemu-x86_64, FEX or box64 entry
 * registered after ours takes x86-64 programs from it. */
#ifndef ROSETTACTL_HANDLERS_H
#define ROSETTACTL_HANDLERS_H

#include <stdbool.h>
#include <stddef.h>

#include "binfmt/entry.h"
#include "target.h"

struct rctl_handler {
	struct binfmt_entry e; /* name always; the rest unless unreadable */
	bool enabled;
	int unreadable; /* -errno: its status could not be read whole */
	bool x86_64;	/* matches x86-64 executables or PIEs */
	bool ours;	/* rosetta.binfmt.name */
	bool runs_exec; /* the kernel runs x86-64 ET_EXEC programs through it */
	bool runs_dyn;	/* ... and ET_DYN (PIE) programs */
};

struct rctl_handlers {
	struct rctl_handler *v; /* in the order the kernel tries them */
	size_t n, cap;
	int pick_err; /* binfmt_fs_pick's: who runs them is unknown */
};

/* Read them all from t->binfmt_dir. Returns 0 or -errno (the directory
 * cannot be listed, no memory); free with rctl_handlers_free. */
int rctl_handlers_read(const struct rctl_target *t, struct rctl_handlers *hs);
void rctl_handlers_free(struct rctl_handlers *hs);

/* The one the kernel runs x86-64 PIEs through (most programs are), else
 * executables, or NULL for none. */
const struct rctl_handler *rctl_handlers_winner(const struct rctl_handlers *hs);

#endif
