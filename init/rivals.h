/* The rival x86-64 handlers stage register disables: named as they are
 * disabled, so that they can be enabled again (after a self-test that
 * failed under rosettactl activate, and by rosettactl deactivate). */
#ifndef INIT_RIVALS_H
#define INIT_RIVALS_H

#include "binfmt/entry_model.h"

/* Past this many, rivals are counted rather than named. */
#define RIVALS_MAX 16

struct rivals {
	char names[RIVALS_MAX][BINFMT_NAME_MAX + 1];
	unsigned int n;
	unsigned int unnamed; /* past RIVALS_MAX */
};

/* Name one more, unless it is named already. */
void rivals_add(struct rivals *r, const char *name);

/* What became of one rival enabled again. */
enum rival_fate {
	RIVAL_ENABLED,	   /* it was disabled and is enabled now */
	RIVAL_WAS_ENABLED, /* something enabled it meanwhile: left alone */
	RIVAL_GONE,	   /* no longer registered */
	RIVAL_FAILED,	   /* could not be read or enabled: err says why */
};

typedef void (*rival_fate_fn)(void *arg, const char *name, enum rival_fate fate, int err);

/* Enable again each rival of r that is still registered in binfmt_dir and
 * disabled; fn (may be NULL) hears what became of each. Returns 0, or the
 * first -errno of a rival that failed (the others are still tried). */
int rivals_enable(const char *binfmt_dir, const struct rivals *r, rival_fate_fn fn, void *arg);

#endif
