/* Stage selftest: run a tiny x86-64 program through the handler just
 * registered, in the self-test sandbox (binfmt/sandbox.h), and expect its
 * exact line and exit code. A translator that fails is unregistered, so no
 * x86-64 program reaches it. rosetta.selftest=0 skips the stage, saying so.
 * The run and its report are also rosettactl test's, which leaves the entry
 * alone. */
#include <errno.h>
#include <string.h>

#include "binfmt/binfmtfs.h"
#include "binfmt/selftest.h"
#include "log.h"
#include "stages.h"

static const char remedy[] =
    "check the translator's own message above; on macOS, enable Rosetta for the VM";

int selftest_refuse(const struct boot_ctx *ctx, struct failure *f, enum selftest_rule rule,
		    const struct sandbox_result *r)
{
	char out[96], err[160];

	sandbox_first_line(r->out, out, sizeof(out));
	sandbox_first_line(r->err, err, sizeof(err));
	if (r->err_len)
		log_error("selftest: the translator said: %s", err);
	if (rule == SELFTEST_NOT_RUN)
		return fail(f, r->exec_errno, remedy, "running %s through %s", ctx->selftest_prog,
			    ctx->translator);
	if (rule == SELFTEST_SIGNALED || rule == SELFTEST_DENIED)
		return fail(f, 0, remedy, "the x86-64 self-test %s (signal %d: %s)",
			    selftest_rule_str(rule), r->signal, strsignal(r->signal));
	return fail(f, 0, remedy,
		    "the x86-64 self-test %s (exit code %d, expected %d; output '%s')",
		    selftest_rule_str(rule), r->code, SELFTEST_CODE, out);
}

int selftest_sandboxed(const struct boot_ctx *ctx, struct failure *f, struct sandbox_result *r,
		       enum selftest_rule *rule)
{
	int err = selftest_run(ctx->selftest_prog, ctx->cfg.selftest_timeout_ms, r);

	if (err < 0)
		return fail(f, -err, "report this with the console log",
			    "setting up the self-test sandbox");
	*rule = selftest_judge(r);
	return 0;
}

int stage_selftest(struct boot_ctx *ctx, struct failure *f)
{
	struct sandbox_result r;
	enum selftest_rule rule = SELFTEST_OK;
	int err;

	if (!ctx->cfg.selftest) {
		log_warn("selftest: skipped (rosetta.selftest=0): the translator was not tried");
		return 0;
	}
	err = ctx->selftest.pid > 0 ? selftest_collect(ctx, f, &r, &rule)
				    : selftest_sandboxed(ctx, f, &r, &rule);
	if (err < 0)
		return err;
	if (rule != SELFTEST_OK) {
		int u = binfmt_fs_control(ctx->binfmt_dir, ctx->cfg.binfmt_name, "-1");

		if (u < 0)
			log_error("selftest: unregistering %s: %s", ctx->cfg.binfmt_name,
				  strerror(-u));
		else
			log_info("selftest: unregistered %s/%s", ctx->binfmt_dir,
				 ctx->cfg.binfmt_name);
		return selftest_refuse(ctx, f, rule, &r);
	}
	stage_say(ctx, "%s ran x86-64 code in %u ms and exited %d", ctx->translator, r.elapsed_ms,
		  r.code);
	return 0;
}
