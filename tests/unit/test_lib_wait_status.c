/* The one wording of how a child ended, from real wait statuses. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/wait_status.h"

#include <cmocka.h>

/* The status of a child that exits with code, or raises sig when it is not 0. */
static int status_of(int code, int sig)
{
	int status = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (sig) {
			signal(sig, SIG_DFL);
			raise(sig);
		}
		_exit(code);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void exits_and_signals(void **state)
{
	char buf[64];

	(void)state;
	wait_status_describe(status_of(3, 0), buf, sizeof(buf));
	assert_string_equal(buf, "exited with status 3");
	wait_status_describe(status_of(0, 0), buf, sizeof(buf));
	assert_string_equal(buf, "exited with status 0");
	wait_status_describe(status_of(0, SIGKILL), buf, sizeof(buf));
	assert_string_equal(buf, "killed by signal 9 (Killed)");
	wait_status_describe(status_of(0, SIGTERM), buf, sizeof(buf));
	assert_string_equal(buf, "killed by signal 15 (Terminated)");
}

static void cut_to_its_buffer(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	wait_status_describe(status_of(1, 0), buf, sizeof(buf));
	assert_string_equal(buf, "exited ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exits_and_signals),
		cmocka_unit_test(cut_to_its_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
