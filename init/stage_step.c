/* One stage run as the boot runs it, for rosetta-init's loop and for
 * rosettactl activate: the same record, the same timing, the same line. */
#include <string.h>

#include "log.h"
#include "stages.h"

int stage_step(enum stage stage, stage_fn fn, struct boot_ctx *ctx, struct failure *f)
{
	uint64_t start = boot_ms();
	int r;

	memset(f, 0, sizeof(*f));
	f->stage = contract_stage_names[stage];
	r = fn(ctx, f);
	if (r == 0)
		log_info("%s ... ok (%llu ms)", f->stage, (unsigned long long)(boot_ms() - start));
	return r;
}
