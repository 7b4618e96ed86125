/* One stage run as the boot runs it, for rosetta-init's loop and for
 * rosettactl activate: the same record, the same timing, the same line. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "stages.h"

int stage_step(enum stage stage, stage_fn fn, struct boot_ctx *ctx, struct failure *f)
{
	uint64_t start = boot_ms();
	int r;

	memset(f, 0, sizeof(*f));
	f->stage = contract_stage_names[stage];
	ctx->said[0] = '\0';
	r = fn(ctx, f);
	if (r == 0)
		log_info("%s ... ok (%llu ms)%s%s", f->stage,
			 (unsigned long long)(boot_ms() - start), ctx->said[0] ? ": " : "",
			 ctx->said);
	return r;
}

void stage_say(struct boot_ctx *ctx, const char *fmt, ...)
{
	size_t len = strlen(ctx->said);
	va_list ap;

	if (len && len + 2 < sizeof(ctx->said)) {
		memcpy(ctx->said + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(ctx->said + len, sizeof(ctx->said) - len, fmt, ap);
	va_end(ap);
}
