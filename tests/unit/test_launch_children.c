/*
 * Telling a lost file server from a virtiofsd that ended with the guest: a failure counts at
 * once, an exit 0 only when qemu has not followed it within the grace, and nothing counts
 * once qemu is gone, nor a virtiofsd we stopped ourselves.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "tools/rosetta-launch/children.h"

#define GRACE 2000

static void ended(struct launch_child *c, int status, int64_t at)
{
	c->pid = 100;
	c->running = false;
	c->status = status;
	c->ended_at = at;
}

static void running(struct launch_child *c)
{
	c->pid = 100;
	c->running = true;
}

static void setup_three(struct launch_children *c)
{
	launch_children_init(c, 3);
	running(&c->qemu);
	running(&c->vfs[0]);
	running(&c->vfs[1]);
	running(&c->vfs[2]);
}

static void test_all_running(void **state)
{
	struct launch_children c;

	(void)state;
	setup_three(&c);
	assert_int_equal(launch_children_lost_share(&c, 5000, GRACE), -1);
	assert_int_equal(launch_children_grace_end(&c, GRACE), -1);
	assert_int_equal(launch_children_failed_share(&c), -1);
}

static void test_failure_counts_at_once(void **state)
{
	struct launch_children c;

	(void)state;
	setup_three(&c);
	ended(&c.vfs[1], SIGKILL, 1000); /* a wait status: killed by SIGKILL */
	assert_int_equal(launch_children_lost_share(&c, 1000, GRACE), 1);
	assert_int_equal(launch_children_failed_share(&c), 1);
	setup_three(&c);
	ended(&c.vfs[2], 3 << 8, 1000); /* exited with status 3 */
	assert_true(WIFEXITED(c.vfs[2].status) && WEXITSTATUS(c.vfs[2].status) == 3);
	assert_int_equal(launch_children_lost_share(&c, 1000, GRACE), 2);
	assert_int_equal(launch_children_grace_end(&c, GRACE), -1);
}

static void test_exit_zero_waits_for_qemu(void **state)
{
	struct launch_children c;

	(void)state;
	setup_three(&c);
	ended(&c.vfs[0], 0, 1000);
	assert_int_equal(launch_children_lost_share(&c, 1000, GRACE), -1);
	assert_int_equal(launch_children_lost_share(&c, 2999, GRACE), -1);
	assert_int_equal(launch_children_grace_end(&c, GRACE), 3000);
	assert_int_equal(launch_children_lost_share(&c, 3000, GRACE), 0);
	/* an exit 0 is no failure afterwards either */
	assert_int_equal(launch_children_failed_share(&c), -1);
	/* qemu followed it: the guest went away, nothing was lost */
	ended(&c.qemu, 0, 1500);
	assert_int_equal(launch_children_lost_share(&c, 5000, GRACE), -1);
	assert_int_equal(launch_children_grace_end(&c, GRACE), -1);
}

static void test_stopped_or_after_qemu(void **state)
{
	struct launch_children c;

	(void)state;
	setup_three(&c);
	ended(&c.vfs[0], SIGTERM, 1000);
	c.vfs[0].stopped = true;
	assert_int_equal(launch_children_lost_share(&c, 1000, GRACE), -1);
	assert_int_equal(launch_children_failed_share(&c), -1);
	ended(&c.qemu, 0, 900);
	ended(&c.vfs[1], SIGSEGV, 1000);
	/* qemu is gone: no loss to stop it for, but the failure is still there to report */
	assert_int_equal(launch_children_lost_share(&c, 1000, GRACE), -1);
	assert_int_equal(launch_children_failed_share(&c), 1);
}

static void test_never_started(void **state)
{
	struct launch_children c;

	(void)state;
	launch_children_init(&c, 2);
	running(&c.qemu);
	/* vfs[1] never started: pid 0, not running */
	running(&c.vfs[0]);
	assert_int_equal(launch_children_lost_share(&c, 5000, GRACE), -1);
	assert_int_equal(launch_children_failed_share(&c), -1);
	launch_children_init(&c, LAUNCH_MAX_SHARES + 5);
	assert_int_equal(c.nvfs, LAUNCH_MAX_SHARES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_running),
		cmocka_unit_test(test_failure_counts_at_once),
		cmocka_unit_test(test_exit_zero_waits_for_qemu),
		cmocka_unit_test(test_stopped_or_after_qemu),
		cmocka_unit_test(test_never_started),
	};

	return cmocka_run_group_tests_name("launch_children", tests, NULL, NULL);
}
