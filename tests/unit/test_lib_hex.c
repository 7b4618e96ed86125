/* Hex digits: their values, whole strings of them both ways, and what is
 * not one. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/hex.h"

#include <cmocka.h>

static void digit_values(void **state)
{
	(void)state;
	assert_int_equal(hex_digit_value('0'), 0);
	assert_int_equal(hex_digit_value('9'), 9);
	assert_int_equal(hex_digit_value('a'), 10);
	assert_int_equal(hex_digit_value('F'), 15);
	assert_int_equal(hex_digit_value('g'), -1);
	assert_int_equal(hex_digit_value('/'), -1);
	assert_int_equal(hex_digit_value('\0'), -1);
}

static void round_trip(void **state)
{
	const unsigned char bytes[] = { 0x00, 0x7f, 0xab, 0xff };
	unsigned char back[4];
	char text[9];

	(void)state;
	hex_encode(bytes, sizeof(bytes), text);
	assert_string_equal(text, "007fabff");
	assert_int_equal(hex_decode("007FabFF", back, sizeof(back)), 0);
	assert_memory_equal(back, bytes, sizeof(bytes));
}

static void decode_wants_exactly_its_digits(void **state)
{
	unsigned char out[2];

	(void)state;
	assert_int_equal(hex_decode("abc", out, 2), -EINVAL);
	assert_int_equal(hex_decode("abcde", out, 2), -EINVAL);
	assert_int_equal(hex_decode("abcg", out, 2), -EINVAL);
	assert_int_equal(hex_decode("", out, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(digit_values),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(decode_wants_exactly_its_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
