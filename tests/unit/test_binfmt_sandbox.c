/* The self-test sandbox on the host, with a fake translator
 * (tests/unit/fake-translator.c): denied system calls kill it, it runs as
 * nobody without capabilities in a session of its own, a hang (in the
 * program or in its exec) is killed at the time bound, wrong output or code
 * fails, the translator's own message is kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "binfmt/selftest.h"
#include "tests/unit/scratch.h"

/* The fake translator's path, in the group's scratch directory. */
static const char *fake;

static int find_fake(void **state)
{
	if (scratch_setup(state) < 0)
		return -1;
	fake = scratch_install_test_prog(*state, "fake-translator");
	return fake ? 0 : -1;
}

static int run_quietly(const char *mode, unsigned int timeout_ms, struct sandbox_result *r)
{
	const char *const argv[] = { fake, mode, NULL };
	const char *const envp[] = { NULL };
	const struct sandbox_spec spec = {
		.argv = argv,
		.envp = envp,
		.timeout_ms = timeout_ms,
		.deny = sandbox_denied_syscalls,
		.deny_inet_sockets = true,
	};

	return sandbox_run(&spec, r) < 0 ? -1 : (int)selftest_judge(r);
}

static int run(const char *mode, unsigned int timeout_ms, struct sandbox_result *r)
{
	int rule = run_quietly(mode, timeout_ms, r);

	assert_true(rule >= 0);
	return rule;
}

static void good_translator_passes(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("good", 5000, &r), SELFTEST_OK);
	assert_string_equal(r.out, SELFTEST_LINE);
	assert_int_equal(r.code, SELFTEST_CODE);
	assert_false(r.timed_out);
}

static void denied_syscalls_kill(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("mount", 5000, &r), SELFTEST_DENIED);
	assert_int_equal(r.signal, SIGSYS);
	assert_int_equal(run("inet", 5000, &r), SELFTEST_DENIED);
	assert_int_equal(run("unix", 5000, &r), SELFTEST_OK); /* AF_UNIX stays allowed */
	assert_int_equal(run("unshare", 5000, &r), SELFTEST_DENIED);
	assert_int_equal(run("chroot", 5000, &r), SELFTEST_DENIED);
	assert_int_equal(run("io_uring", 5000, &r), SELFTEST_DENIED);
}

/* Run by root, the program is nobody, holds no capability, leads a session
 * of its own and has no terminal. */
static void runs_unprivileged_in_its_own_session(void **state)
{
	char want[128];
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("whoami", 5000, &r), SELFTEST_WRONG_OUTPUT);
	assert_int_equal(r.code, SELFTEST_CODE);
	if (geteuid() == 0)
		snprintf(want, sizeof(want),
			 "uid=%d gid=%d capeff=0000000000000000 "
			 "session-leader=1 tty=0\n",
			 SANDBOX_UID, SANDBOX_GID);
	else
		snprintf(want, sizeof(want),
			 "uid=%d gid=%d capeff=0000000000000000 "
			 "session-leader=1 tty=0\n",
			 (int)getuid(), (int)getgid());
	assert_string_equal(r.out, want);
}

/* An exec that never returns (here held by a seccomp user notification
 * nobody answers, as a translator on a file server that went away would
 * be) ends at the time bound too. In a child: the filter stays with it. */
static void hung_exec_ends_at_the_bound(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
		struct sandbox_result r;

		alarm(20);
		if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, SCMP_SYS(execve), 0) < 0 ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || seccomp_load(ctx) < 0)
			_exit(3);
		if (run_quietly("good", 500, &r) != SELFTEST_TIMEOUT || !r.timed_out ||
		    r.elapsed_ms > 5000)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void hang_is_killed_at_the_bound(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("hang", 300, &r), SELFTEST_TIMEOUT);
	assert_true(r.timed_out);
	assert_true(r.elapsed_ms >= 300);
	assert_true(r.elapsed_ms < 5000);
}

static void wrong_results_fail(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("wrong-line", 5000, &r), SELFTEST_WRONG_OUTPUT);
	assert_string_equal(r.out, "hello from something else\n");
	assert_int_equal(run("wrong-code", 5000, &r), SELFTEST_WRONG_CODE);
	assert_int_equal(r.code, 1);
}

static void translator_message_is_kept(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("refuse", 5000, &r), SELFTEST_SIGNALED);
	assert_int_equal(r.signal, SIGABRT);
	assert_string_equal(r.err, "Rosetta is only intended to run on Apple Silicon\n");
}

static void flood_is_cut_and_bounded(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(run("flood", 300, &r), SELFTEST_TIMEOUT);
	assert_int_equal(r.out_len, sizeof(r.out) - 1);
	assert_int_equal(strlen(r.out), sizeof(r.out) - 1);
}

static void missing_program_is_reported(void **state)
{
	struct sandbox_result r;

	(void)state;
	assert_int_equal(selftest_run("/nonexistent/selftest", 5000, &r), 0);
	assert_int_equal(selftest_judge(&r), SELFTEST_NOT_RUN);
	assert_int_equal(r.exec_errno, ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_translator_passes),
		cmocka_unit_test(denied_syscalls_kill),
		cmocka_unit_test(runs_unprivileged_in_its_own_session),
		cmocka_unit_test(hung_exec_ends_at_the_bound),
		cmocka_unit_test(hang_is_killed_at_the_bound),
		cmocka_unit_test(wrong_results_fail),
		cmocka_unit_test(translator_message_is_kept),
		cmocka_unit_test(flood_is_cut_and_bounded),
		cmocka_unit_test(missing_program_is_reported),
	};

	return cmocka_run_group_tests_name("binfmt_sandbox", tests, find_fake, scratch_teardown);
}
