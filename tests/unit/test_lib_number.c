/* parse_unsigned: digits of the base only, bounds inclusive, overflow a
 * range error, and nothing written on error; parse_unsigned_prefix: the
 * digits that start a text, and where they end. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/array_size.h"
#include "lib/number.h"

#include <cmocka.h>

static unsigned long long parsed(const char *s, unsigned base, unsigned long long min,
				 unsigned long long max)
{
	unsigned long long v = 12345;

	assert_int_equal(parse_unsigned(s, base, min, max, &v), 0);
	return v;
}

static void accepts_digits(void **state)
{
	(void)state;
	assert_int_equal(parsed("0", 10, 0, 10), 0);
	assert_int_equal(parsed("3600", 10, 1, 3600), 3600);
	assert_int_equal(parsed("007", 10, 0, 10), 7);
	assert_int_equal(parsed("0755", 8, 0, 07777), 0755);
	assert_int_equal(parsed("fF", 16, 0, 255), 255);
	assert_true(parsed("18446744073709551615", 10, 0, ULLONG_MAX) == ULLONG_MAX);
}

static void refuses_what_is_not_digits(void **state)
{
	const char *bad[] = { "", " 1", "1 ", "+1", "-1", "0x10", "1e3", "1.5", "12a" };
	unsigned long long v = 99;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(parse_unsigned(bad[i], 10, 0, ULLONG_MAX, &v), -EINVAL);
	assert_int_equal(parse_unsigned("8", 8, 0, 100, &v), -EINVAL);
	assert_int_equal(parse_unsigned("999999999999999999999x", 10, 0, 100, &v), -EINVAL);
	assert_int_equal(v, 99);
}

static void bounds_and_overflow(void **state)
{
	unsigned long long v = 99;

	(void)state;
	assert_int_equal(parse_unsigned("0", 10, 1, 3600, &v), -ERANGE);
	assert_int_equal(parse_unsigned("3601", 10, 1, 3600, &v), -ERANGE);
	assert_int_equal(parse_unsigned("18446744073709551616", 10, 0, ULLONG_MAX, &v), -ERANGE);
	assert_int_equal(parse_unsigned("4294967296", 10, 0, UINT32_MAX, &v), -ERANGE);
	assert_int_equal(v, 99);
}

static void prefix_of_text(void **state)
{
	unsigned long long v = 99;
	const char *text = "6.13.2-rc1", *end = NULL;

	(void)state;
	assert_int_equal(parse_unsigned_prefix(text, 1000, &v, &end), 0);
	assert_int_equal(v, 6);
	assert_ptr_equal(end, text + 1);
	assert_int_equal(parse_unsigned_prefix(end + 1, 1000, &v, &end), 0);
	assert_int_equal(v, 13);
	assert_string_equal(end, ".2-rc1");
	assert_int_equal(parse_unsigned_prefix("48", 64, &v, &end), 0);
	assert_int_equal(v, 48);
	assert_string_equal(end, "");
	v = 99;
	end = NULL;
	assert_int_equal(parse_unsigned_prefix(".1", 1000, &v, &end), -EINVAL);
	assert_int_equal(parse_unsigned_prefix("", 1000, &v, &end), -EINVAL);
	assert_int_equal(parse_unsigned_prefix("65K", 64, &v, &end), -ERANGE);
	assert_int_equal(parse_unsigned_prefix("0000000000000000000000001", 10, &v, &end), -ERANGE);
	assert_int_equal(v, 99);
	assert_null(end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_digits),
		cmocka_unit_test(refuses_what_is_not_digits),
		cmocka_unit_test(bounds_and_overflow),
		cmocka_unit_test(prefix_of_text),
	};
	return cmocka_run_group_tests_name("lib_number", tests, NULL, NULL);
}
