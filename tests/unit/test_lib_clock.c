/* The millisecond clocks: they advance with a sleep by about its length,
 * and ms_until counts down to a deadline and stops at 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/clock.h"

#include <cmocka.h>

static void a_sleep_moves_both_clocks(void **state)
{
	uint64_t mono = monotonic_ms(), boot = boot_ms();

	(void)state;
	sleep_ms(120);
	assert_in_range(monotonic_ms() - mono, 120, 5000);
	assert_in_range(boot_ms() - boot, 120, 5000);
	/* The boot clock counts suspend too: never behind the monotonic one. */
	assert_true(boot_ms() >= monotonic_ms());
}

static void ms_until_counts_down(void **state)
{
	uint64_t now = monotonic_ms();

	(void)state;
	assert_in_range(ms_until(now + 10000), 9000, 10000);
	assert_int_equal(ms_until(now), 0);
	assert_int_equal(ms_until(0), 0);
	assert_int_equal(ms_until(UINT64_MAX), INT32_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_sleep_moves_both_clocks),
		cmocka_unit_test(ms_until_counts_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
