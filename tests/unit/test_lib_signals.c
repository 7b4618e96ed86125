/* The signal state for exec: what a parent blocked, ignored or handled is
 * back to the default in the child. Checked in a child, which reports
 * through its exit code, so the test runner's own handlers stay. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/signals.h"

#include <cmocka.h>

static void on_usr2(int sig)
{
	(void)sig;
}

static bool is_default(int sig)
{
	struct sigaction sa;

	return sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL;
}

/* 0 when the reset did its job, else the number of the first check that failed. */
static int child(void)
{
	struct sigaction handler = { .sa_handler = on_usr2 };
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGUSR2, &handler, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (signals_reset() != 0)
		return 1;
	if (!is_default(SIGPIPE) || !is_default(SIGUSR2) || !is_default(SIGINT))
		return 2;
	if (sigprocmask(SIG_SETMASK, NULL, &set) < 0)
		return 3;
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&set, sig) == 1)
			return 4;
	return 0;
}

static void everything_back_to_default(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everything_back_to_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
