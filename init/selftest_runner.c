/* The self-test begun early: a child of PID 1 runs the sandbox
 * (binfmt/sandbox.h) and writes what it saw through a pipe, while PID 1
 * mounts the root; stage selftest then reads the report. The sandbox bounds
 * the program by rosetta.selftest.timeout, so the report comes by then,
 * give or take the kill; the wait for it is bounded all the same. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/io.h"
#include "lib/signals.h"
#include "stages.h"

/* Beyond the program's time bound: the sandbox's kill and the runner's exit. */
#define RUNNER_GRACE_MS 3000

/* What the runner writes, in one write(2): smaller than PIPE_BUF. */
struct selftest_report {
	int err; /* selftest_run's: -errno when the sandbox could not be set up */
	struct sandbox_result result;
};

static void __attribute__((noreturn)) runner(const struct boot_ctx *ctx, int fd)
{
	struct selftest_report rep = { 0 };

	/* Not PID 1: shutdown's SIGTERM must end it. */
	signals_reset();
	rep.err = selftest_run(ctx->selftest_prog, ctx->cfg.selftest_timeout_ms, &rep.result);
	_exit(write_all(fd, &rep, sizeof(rep)) == 0 ? 0 : 1);
}

void selftest_begin(struct boot_ctx *ctx)
{
	int fds[2];
	pid_t pid;

	if (!ctx->cfg.selftest || ctx->selftest_runner > 0 || pipe2(fds, O_CLOEXEC) < 0)
		return;
	pid = fork();
	if (pid == 0)
		runner(ctx, fds[1]);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return;
	}
	ctx->selftest_runner = pid;
	ctx->selftest_fd = fds[0];
}

/* The report, or -ETIME when none came in time (the runner is killed then),
 * -EPIPE when the runner ended without one. The runner is reaped. */
static int read_report(struct boot_ctx *ctx, struct selftest_report *rep)
{
	struct pollfd pfd = { ctx->selftest_fd, POLLIN, 0 };
	uint64_t deadline = monotonic_ms() + ctx->cfg.selftest_timeout_ms + RUNNER_GRACE_MS;
	int r;

	while ((r = poll(&pfd, 1, ms_until(deadline))) < 0 && errno == EINTR)
		;
	if (r <= 0)
		r = -ETIME;
	else
		r = read_full(ctx->selftest_fd, rep, sizeof(*rep)) == sizeof(*rep) ? 0 : -EPIPE;
	if (r == -ETIME)
		kill(ctx->selftest_runner, SIGKILL);
	while (waitpid(ctx->selftest_runner, NULL, 0) < 0 && errno == EINTR)
		;
	close(ctx->selftest_fd);
	ctx->selftest_fd = -1;
	ctx->selftest_runner = 0;
	return r;
}

int selftest_collect(struct boot_ctx *ctx, struct failure *f, struct sandbox_result *r,
		     enum selftest_rule *rule)
{
	struct selftest_report rep;
	int err = read_report(ctx, &rep);

	if (err < 0)
		return fail(f, -err, "report this with the console log",
			    "the self-test's runner %s",
			    err == -ETIME ? "gave no report in time" : "ended without a report");
	if (rep.err < 0)
		return fail(f, -rep.err, "report this with the console log",
			    "setting up the self-test sandbox");
	*r = rep.result;
	*rule = selftest_judge(r);
	return 0;
}
