/* The self-test begun early: a child of PID 1 runs the sandbox
 * (binfmt/sandbox.h) and writes what it saw through a pipe (child_report.h),
 * while PID 1 mounts the root; stage selftest then reads the report. The
 * sandbox bounds the program by rosetta.selftest.timeout, so the report comes
 * by then, give or take the kill; the wait for it is bounded all the same. */
#include <errno.h>

#include "lib/io.h"
#include "stages.h"

/* Beyond the program's time bound: the sandbox's kill and the runner's exit. */
#define RUNNER_GRACE_MS 3000

/* What the runner writes, in one write(2): smaller than PIPE_BUF. */
struct selftest_report {
	int err; /* selftest_run's: -errno when the sandbox could not be set up */
	struct sandbox_result result;
};

static int runner(struct boot_ctx *ctx, int fd)
{
	struct selftest_report rep = { 0 };

	rep.err = selftest_run(ctx->selftest_prog, ctx->cfg.selftest_timeout_ms, &rep.result);
	return write_all(fd, &rep, sizeof(rep)) == 0 ? 0 : 1;
}

void selftest_begin(struct boot_ctx *ctx)
{
	if (ctx->cfg.selftest && ctx->selftest.pid <= 0)
		(void)child_report_begin(&ctx->selftest, runner, ctx);
}

int selftest_collect(struct boot_ctx *ctx, struct failure *f, struct sandbox_result *r,
		     enum selftest_rule *rule)
{
	struct selftest_report rep;
	uint64_t deadline =
	    ctx->selftest.started_ms + ctx->cfg.selftest_timeout_ms + RUNNER_GRACE_MS;
	ssize_t n = child_report_collect(&ctx->selftest, &rep, sizeof(rep), deadline);

	if (n == -ETIME)
		return fail(f, ETIME, "report this with the console log",
			    "the self-test's runner gave no report in time");
	if (n != (ssize_t)sizeof(rep))
		return fail(f, EPIPE, "report this with the console log",
			    "the self-test's runner ended without a report");
	if (rep.err < 0)
		return fail(f, -rep.err, "report this with the console log",
			    "setting up the self-test sandbox");
	*r = rep.result;
	*rule = selftest_judge(r);
	return 0;
}
