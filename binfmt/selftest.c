/* The translator self-test: the sandbox runs the x86-64 test program, and
 * the result must be exactly what rosetta-mkselftest wrote it to do. */
#include "selftest.h"

#include <signal.h>
#include <string.h>

static const char *const selftest_env[] = { "PATH=/usr/bin:/bin", NULL };

enum selftest_rule selftest_judge(const struct sandbox_result *r)
{
	if (r->exec_errno)
		return SELFTEST_NOT_RUN;
	if (r->timed_out)
		return SELFTEST_TIMEOUT;
	if (!r->exited)
		return r->signal == SIGSYS ? SELFTEST_DENIED : SELFTEST_SIGNALED;
	if (r->code != SELFTEST_CODE)
		return SELFTEST_WRONG_CODE;
	if (strcmp(r->out, SELFTEST_LINE) != 0)
		return SELFTEST_WRONG_OUTPUT;
	return SELFTEST_OK;
}

int selftest_run(const char *program, unsigned int timeout_ms, struct sandbox_result *result)
{
	const char *const argv[] = { program, NULL };

	return selftest_run_argv(argv, timeout_ms, result);
}

int selftest_run_argv(const char *const *argv, unsigned int timeout_ms,
		      struct sandbox_result *result)
{
	const struct sandbox_spec spec = {
		.argv = argv,
		.envp = selftest_env,
		.timeout_ms = timeout_ms,
		.deny = sandbox_denied_syscalls,
		.deny_inet_sockets = true,
	};
	return sandbox_run(&spec, result);
}

const char *selftest_rule_str(enum selftest_rule rule)
{
	switch (rule) {
	case SELFTEST_OK:
		return "printed the expected line and exit code";
	case SELFTEST_NOT_RUN:
		return "could not be executed";
	case SELFTEST_TIMEOUT:
		return "did not finish in time and was killed";
	case SELFTEST_DENIED:
		return "was killed for a system call the self-test sandbox denies";
	case SELFTEST_SIGNALED:
		return "was killed by a signal";
	case SELFTEST_WRONG_CODE:
		return "exited with another code than expected";
	case SELFTEST_WRONG_OUTPUT:
		return "printed something other than the expected line";
	}
	return "failed in an unknown way";
}
