/* The console scanner: the exit status line and kernel panics, however the output is cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tools/rosetta-launch/console.h"
#include "lib/array_size.h"

static void feed(struct console_scan *s, const char *text)
{
	console_scan_feed(s, text, strlen(text));
}

/* Feed text one byte at a time: every possible split point at once. */
static void feed_bytes(struct console_scan *s, const char *text)
{
	for (; *text; text++)
		console_scan_feed(s, text, 1);
}

static void test_nothing_seen(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "[    0.000000] Booting Linux on physical CPU 0x0\n");
	console_scan_finish(&s);
	assert_int_equal(s.status, -1);
	assert_false(s.panic);
}

static void test_status_line(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "hello\nrosetta-init: exit status 3\n");
	assert_int_equal(s.status, 3);
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 0\n");
	assert_int_equal(s.status, 0);
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 255\n");
	assert_int_equal(s.status, 255);
}

static void test_status_split_across_chunks(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "output\nrosetta-ini");
	feed(&s, "t: exit sta");
	assert_int_equal(s.status, -1);
	feed(&s, "tus 4");
	assert_int_equal(s.status, -1);
	feed(&s, "2\n");
	assert_int_equal(s.status, 42);
	console_scan_init(&s);
	feed_bytes(&s, "rosetta-init: exit status 17\r\n");
	assert_int_equal(s.status, 17);
}

static void test_crlf(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 9\r\n");
	assert_int_equal(s.status, 9);
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 8\r\r\n");
	assert_int_equal(s.status, 8);
}

static void test_last_status_wins(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 1\nrosetta-init: exit status 2\n");
	feed(&s, "[    5.1] reboot: Power down\n");
	assert_int_equal(s.status, 2);
}

static void test_bad_values_ignored(void **state)
{
	static const char *const bad[] = {
		"rosetta-init: exit status 256\n",
		"rosetta-init: exit status -1\n",
		"rosetta-init: exit status \n",
		"rosetta-init: exit status 1a\n",
		"rosetta-init: exit status 0x1\n",
		"rosetta-init: exit status 1000\n",
		"rosetta-init: exit status 7 ok\n",
		"rosetta-init: exit  status 7\n",
		"rosetta-init: exit status 99999999999999999999\n",
	};
	struct console_scan s;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		console_scan_init(&s);
		feed(&s, "rosetta-init: exit status 5\n");
		feed(&s, bad[i]);
		if (s.status != 5)
			fail_msg("'%s' changed the status to %d", bad[i], s.status);
	}
}

/* An entry that printed without a final newline leaves its text before the status. */
static void test_status_after_unterminated_output(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "no newline hererosetta-init: exit status 12 \n");
	assert_int_equal(s.status, 12);
	assert_int_equal(console_line_status("rosetta-init: exit status 1\t", 28), 1);
	assert_int_equal(console_line_status("x", 1), -1);
}

static void test_unterminated_last_line(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 6");
	assert_int_equal(s.status, -1);
	console_scan_finish(&s);
	assert_int_equal(s.status, 6);
}

static void test_panic(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "[    5.7] Kernel pan");
	assert_false(s.panic);
	feed(&s, "ic - not syncing: VFS: Unable to mount root fs\n");
	assert_true(s.panic);
	assert_int_equal(s.status, -1);
	console_scan_init(&s);
	feed(&s, "kernel panic\n");
	assert_false(s.panic);
}

static void test_power_down(void **state)
{
	struct console_scan s;

	(void)state;
	console_scan_init(&s);
	feed(&s, "[   12.1] reboot: Power do");
	assert_false(s.power_down);
	feed(&s, "wn\r\n");
	assert_true(s.power_down);
	assert_false(s.panic);
	assert_int_equal(s.status, -1);
	console_scan_init(&s);
	feed(&s, "reboot: Restarting system\n");
	assert_false(s.power_down);
}

static void test_long_lines(void **state)
{
	char junk[3 * LAUNCH_CONSOLE_LINE + 7];
	struct console_scan s;

	(void)state;
	memset(junk, 'x', sizeof(junk) - 1);
	junk[sizeof(junk) - 1] = '\0';

	/* a long line, then a status line */
	console_scan_init(&s);
	feed(&s, junk);
	feed(&s, "\nrosetta-init: exit status 4\n");
	assert_int_equal(s.status, 4);

	/* a status at the end of a long line */
	console_scan_init(&s);
	feed(&s, junk);
	feed_bytes(&s, "rosetta-init: exit status 5\n");
	assert_int_equal(s.status, 5);

	/* a status early in a long line is not at its end */
	console_scan_init(&s);
	feed(&s, "rosetta-init: exit status 6");
	feed(&s, junk);
	feed(&s, "\n");
	assert_int_equal(s.status, -1);

	/* a panic early in a long line, and one straddling the point where it is cut */
	console_scan_init(&s);
	feed(&s, "Kernel panic");
	feed(&s, junk);
	feed(&s, "\n");
	assert_true(s.panic);
	console_scan_init(&s);
	feed(&s, junk + sizeof(junk) - 1 - (LAUNCH_CONSOLE_LINE - 5));
	feed(&s, "Kernel panic\n");
	assert_true(s.panic);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_seen),
		cmocka_unit_test(test_status_line),
		cmocka_unit_test(test_status_split_across_chunks),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_last_status_wins),
		cmocka_unit_test(test_bad_values_ignored),
		cmocka_unit_test(test_status_after_unterminated_output),
		cmocka_unit_test(test_unterminated_last_line),
		cmocka_unit_test(test_panic),
		cmocka_unit_test(test_power_down),
		cmocka_unit_test(test_long_lines),
	};

	return cmocka_run_group_tests_name("launch_console", tests, NULL, NULL);
}
