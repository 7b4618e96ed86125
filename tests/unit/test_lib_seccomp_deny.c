/* Deny lists: the named calls get the action, the others run, an unknown
 * name is reported and skipped, and the rule count says what was added. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/seccomp_deny.h"

#include <cmocka.h>

struct unknowns {
	int n;
	const char *last;
};

static void note_unknown(void *arg, const char *name)
{
	struct unknowns *u = arg;

	u->n++;
	u->last = name;
}

/* In a child: load the filter, then getppid must fail with EPERM and getpid run. */
static int child(scmp_filter_ctx ctx)
{
	if (seccomp_load(ctx) < 0)
		return 1;
	/* Through syscall(2): glibc's getppid sets no errno, as it cannot fail. */
	if (syscall(SYS_getppid) != -1 || errno != EPERM)
		return 2;
	if (getpid() <= 0)
		return 3;
	return 0;
}

static void the_named_call_is_denied(void **state)
{
	const char *const names[] = { "getppid", "no_such_call", NULL };
	struct unknowns u = { 0, NULL };
	scmp_filter_ctx ctx = NULL;
	int status;
	pid_t pid;

	(void)state;
	assert_int_equal(seccomp_deny_build(names, SCMP_ACT_ERRNO(EPERM), note_unknown, &u, &ctx),
			 1);
	assert_non_null(ctx);
	assert_int_equal(u.n, 1);
	assert_string_equal(u.last, "no_such_call");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child(ctx));
	seccomp_release(ctx);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void an_empty_list_adds_no_rule(void **state)
{
	const char *const none[] = { NULL }, *const unknown[] = { "no_such_call", NULL };
	scmp_filter_ctx ctx = NULL;

	(void)state;
	assert_int_equal(seccomp_deny_build(none, SCMP_ACT_KILL_PROCESS, NULL, NULL, &ctx), 0);
	assert_non_null(ctx);
	seccomp_release(ctx);
	/* Unknown names without a callback are skipped quietly. */
	assert_int_equal(seccomp_deny_build(unknown, SCMP_ACT_KILL_PROCESS, NULL, NULL, &ctx), 0);
	seccomp_release(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_named_call_is_denied),
		cmocka_unit_test(an_empty_list_adds_no_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
