/* rosetta-init's Rosetta stages on a system that booted without it (a
 * distribution's own init, or a guest whose entry was removed): stage
 * config, then share, verify, register and selftest, the same functions
 * with the same keys and the same log lines, for rosettactl activate. */
#ifndef INIT_ACTIVATE_H
#define INIT_ACTIVATE_H

#include <stdbool.h>

#include "stages.h"

enum activate_outcome {
	ACTIVATE_DONE,	   /* the stages ran: x86-64 programs run through the translator */
	ACTIVATE_ALREADY,  /* the entry the stages would write is registered and enabled */
	ACTIVATE_NO_SHARE, /* no Rosetta share is attached: nothing to do */
};

struct activate_opts {
	const char *mount; /* NULL: rosetta.mount */
	/* The translator's directory is used as it is, not mounted: a share
	 * mounted by other means than virtio-fs, or a test's directory. */
	bool no_mount;
};

struct activate_result {
	enum activate_outcome outcome;
	char why[512]; /* ALREADY: the entry; NO_SHARE: what was found */
};

/* Run the stages as the boot does (stage_step) with the paths of ctx
 * (config_file, cmdline, sys_dir, binfmt_dir, modules_dir, selftest_prog;
 * translator_fd -1), the configuration read from them, and o. First, with
 * the configuration read quietly, an entry already as the stages would
 * write it is ACTIVATE_ALREADY, and a system whose sysfs shows no virtio-fs
 * device with the tag (or a kernel that lists no tags, whose share stage
 * times out) is ACTIVATE_NO_SHARE: nothing is logged then, and nothing
 * changed. A mounted share is never mounted again (stage share). Rivals
 * register disabled are named in ctx->disabled; when the self-test fails,
 * the entry is removed and they are enabled again, so the system is left
 * as it was found. Returns 0 with the outcome in res, or the failed
 * stage's -errno with f filled. */
int activate_run(struct boot_ctx *ctx, const struct activate_opts *o, struct failure *f,
		 struct activate_result *res);

#endif
