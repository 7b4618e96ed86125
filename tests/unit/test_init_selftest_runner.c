/* The self-test begun early (init/selftest_runner.c): its runner reports the
 * sandbox's result through the pipe and is reaped when the report is read; a
 * runner that ends without a report, or sends none in time, fails the stage
 * by name and is reaped all the same; rosetta.selftest=0 begins nothing. The
 * program is the fake translator (tests/unit/fake-translator.c), whose default
 * is the self-test's line and code. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init/log.h"
#include "lib/clock.h"
#include "init/stages.h"
#include "tests/unit/scratch.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static const char *fake;

static int install_fake(void **state)
{
	if (scratch_setup(state) < 0)
		return -1;
	fake = scratch_install_test_prog(*state, "fake-translator");
	return fake ? 0 : -1;
}

static void quiet(void *arg, const char *label, const char *msg)
{
	(void)arg, (void)label, (void)msg;
}

static struct boot_ctx boot_ctx_for(const char *prog)
{
	struct boot_ctx ctx = { .selftest_prog = prog, .selftest = CHILD_REPORT_NONE };

	config_defaults(&ctx.cfg);
	return ctx;
}

static void assert_reaped(const struct boot_ctx *ctx, pid_t runner)
{
	assert_int_equal(ctx->selftest.pid, 0);
	assert_int_equal(ctx->selftest.fd, -1);
	assert_int_equal(waitpid(runner, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void begun_run_is_judged(void **state)
{
	struct boot_ctx ctx = boot_ctx_for(fake);
	struct sandbox_result r;
	enum selftest_rule rule = SELFTEST_NOT_RUN;
	struct failure f = { 0 };
	pid_t runner;

	(void)state;
	selftest_begin(&ctx);
	runner = ctx.selftest.pid;
	assert_true(runner > 0);
	assert_int_equal(selftest_collect(&ctx, &f, &r, &rule), 0);
	assert_int_equal(rule, SELFTEST_OK);
	assert_string_equal(r.out, SELFTEST_LINE);
	assert_reaped(&ctx, runner);
}

static void begun_run_of_a_wrong_program_is_judged_wrong(void **state)
{
	struct boot_ctx ctx = boot_ctx_for("/bin/true");
	struct sandbox_result r;
	enum selftest_rule rule = SELFTEST_OK;
	struct failure f = { 0 };

	(void)state;
	selftest_begin(&ctx);
	assert_true(ctx.selftest.pid > 0);
	assert_int_equal(selftest_collect(&ctx, &f, &r, &rule), 0);
	assert_int_equal(rule, SELFTEST_WRONG_CODE);
	assert_int_equal(r.code, 0);
}

/* A runner made by hand: fn runs in it, the write end of the pipe given. */
static void fake_runner(struct boot_ctx *ctx, void (*fn)(int fd))
{
	int fds[2];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		fn(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	ctx->selftest =
	    (struct child_report){ .pid = pid, .fd = fds[0], .started_ms = monotonic_ms() };
}

static void say_half(int fd)
{
	(void)!write(fd, "half", 4);
}

static void hang(int fd)
{
	(void)fd;
	pause();
}

/* A runner doing fn fails the collection with err, f saying what, and is
 * reaped. */
static void assert_runner_fails(void (*fn)(int fd), unsigned timeout_ms, int err, const char *what)
{
	struct boot_ctx ctx = boot_ctx_for(fake);
	struct sandbox_result r;
	enum selftest_rule rule;
	struct failure f = { 0 };
	pid_t runner;

	ctx.cfg.selftest_timeout_ms = timeout_ms;
	fake_runner(&ctx, fn);
	runner = ctx.selftest.pid;
	assert_int_equal(selftest_collect(&ctx, &f, &r, &rule), err);
	assert_non_null(strstr(f.what, what));
	assert_reaped(&ctx, runner);
}

static void runner_without_report_fails(void **state)
{
	(void)state;
	assert_runner_fails(say_half, 60000, -EPIPE, "runner ended without a report");
}

/* At rosetta.selftest.timeout=0, the grace alone. */
static void silent_runner_is_killed_at_the_bound(void **state)
{
	(void)state;
	assert_runner_fails(hang, 0, -ETIME, "runner gave no report in time");
}

static void nothing_begins_without_the_selftest(void **state)
{
	struct boot_ctx ctx = boot_ctx_for(fake);

	(void)state;
	ctx.cfg.selftest = false;
	selftest_begin(&ctx);
	assert_int_equal(ctx.selftest.pid, 0);
	assert_int_equal(ctx.selftest.fd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(begun_run_is_judged),
		cmocka_unit_test(begun_run_of_a_wrong_program_is_judged_wrong),
		cmocka_unit_test(runner_without_report_fails),
		cmocka_unit_test(silent_runner_is_killed_at_the_bound),
		cmocka_unit_test(nothing_begins_without_the_selftest),
	};

	log_set_sink(quiet, NULL);
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("init_selftest_runner", tests, install_fake,
					   scratch_teardown);
}
