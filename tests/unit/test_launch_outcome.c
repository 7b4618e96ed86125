/*
 * What a launch whose qemu ran comes to: the entry's status first, then the timeout, and a
 * clean power-off without a status line counted as success only under --expect-poweroff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/cli.h"
#include "tools/rosetta-launch/session.h"

#include <cmocka.h>

struct fixture {
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_session s;
};

/* qemu exited 0 and nothing was seen on the console. */
static struct launch_session *ended(struct fixture *f, bool expect_poweroff)
{
	memset(f, 0, sizeof(*f));
	launch_config_init(&f->cfg);
	f->cfg.expect_poweroff = expect_poweroff;
	strcpy(f->plan.vm, "qemu-system-aarch64");
	f->s.cfg = &f->cfg;
	f->s.plan = &f->plan;
	f->s.lost = -1;
	launch_children_init(&f->s.kids, 0);
	f->s.kids.qemu.status = 0; /* exited 0 */
	console_scan_init(&f->s.relay.scan);
	return &f->s;
}

static void test_power_off_counts_only_when_expected(void **state)
{
	struct fixture f;
	struct launch_session *s;

	(void)state;
	s = ended(&f, true);
	s->relay.scan.power_down = true;
	assert_int_equal(launch_session_outcome(s), 0);

	s = ended(&f, false);
	s->relay.scan.power_down = true;
	assert_int_equal(launch_session_outcome(s), CLI_EXIT_NO_STATUS);
}

static void test_no_power_off_or_a_panic_is_no_status(void **state)
{
	struct fixture f;
	struct launch_session *s;

	(void)state;
	s = ended(&f, true);
	assert_int_equal(launch_session_outcome(s), CLI_EXIT_NO_STATUS);

	s = ended(&f, true);
	s->relay.scan.power_down = true;
	s->relay.scan.panic = true;
	assert_int_equal(launch_session_outcome(s), CLI_EXIT_NO_STATUS);

	s = ended(&f, true);
	s->relay.scan.power_down = true;
	s->kids.qemu.status = 1 << 8; /* exited 1 */
	assert_int_equal(launch_session_outcome(s), CLI_EXIT_LAUNCHER);
}

static void test_status_and_timeout_come_first(void **state)
{
	struct fixture f;
	struct launch_session *s;

	(void)state;
	s = ended(&f, true);
	s->relay.scan.power_down = true;
	s->relay.scan.status = 3;
	assert_int_equal(launch_session_outcome(s), 3);

	s = ended(&f, true);
	s->relay.scan.power_down = true;
	s->timed_out = true;
	assert_int_equal(launch_session_outcome(s), CLI_EXIT_TIMEOUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_power_off_counts_only_when_expected),
		cmocka_unit_test(test_no_power_off_or_a_panic_is_no_status),
		cmocka_unit_test(test_status_and_timeout_come_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
