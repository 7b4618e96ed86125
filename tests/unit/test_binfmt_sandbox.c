/* The self-test sandbox on the host, with a fake translator
 * (tests/unit/fake-translator.c): denied system calls kill it, a hang is
 * killed at the time bound, wrong output or code fails, the translator's own
 * message is kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/selftest.h"

static char fake[PATH_MAX + 32];

/* The fake is built beside the test binaries: build/unit/X -> build/test/. */
static int find_fake(void **state)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	(void)state;
	if (n < 0)
		return -1;
	self[n] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	snprintf(fake, sizeof(fake), "%s/../test/fake-translator", self);
	if (access(fake, X_OK) != 0) {
		fprintf(stderr, "no %s (built by make test-progs): %s\n", fake, strerror(errno));
		return -1;
	}
	return 0;
}

static int run(const char *mode, unsigned int timeout_ms, struct sandbox_result *r)
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

	assert_int_equal(sandbox_run(&spec, r), 0);
	return selftest_judge(r);
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
	assert_int_equal(selftest_run("/nonexistent/selftest", 5000, &r), SELFTEST_NOT_RUN);
	assert_int_equal(r.exec_errno, ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_translator_passes),
		cmocka_unit_test(denied_syscalls_kill),
		cmocka_unit_test(hang_is_killed_at_the_bound),
		cmocka_unit_test(wrong_results_fail),
		cmocka_unit_test(translator_message_is_kept),
		cmocka_unit_test(flood_is_cut_and_bounded),
		cmocka_unit_test(missing_program_is_reported),
	};

	return cmocka_run_group_tests_name("binfmt_sandbox", tests, find_fake, NULL);
}
