/* UTF-8 checks (RFC 3629: overlong forms, surrogates and code points above
 * U+10FFFF are invalid) and the repair of bytes that start no sequence. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/utf8.h"

#include <cmocka.h>

static void valid_and_invalid_sequences(void **state)
{
	(void)state;
	assert_true(utf8_valid(""));
	assert_true(utf8_valid("plain ascii"));
	assert_true(utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")); /* é € 😀 */
	assert_false(utf8_valid("\xc0\xaf"));				 /* overlong '/' */
	assert_false(utf8_valid("\xe0\x80\xaf"));			 /* overlong, 3 bytes */
	assert_false(utf8_valid("\xed\xa0\x80"));			 /* a surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80"));			 /* above U+10FFFF */
	assert_false(utf8_valid("\xc3"));				 /* cut short */
	assert_false(utf8_valid("\xff"));
}

static void bytes_become_code_points(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(utf8_from_bytes("a\xff\xc3\xa9", out, sizeof(out)), 5);
	assert_string_equal(out, "a\xc3\xbf\xc3\xa9");
	assert_true(utf8_valid(out));
	assert_int_equal(utf8_from_bytes("\xe2\x82", out, sizeof(out)), 4);
	assert_string_equal(out, "\xc3\xa2\xc2\x82");
}

static void too_small_is_refused_with_a_valid_prefix(void **state)
{
	char out[4];

	(void)state;
	assert_int_equal(utf8_from_bytes("ab\xff", out, sizeof(out)), -ENOSPC);
	assert_string_equal(out, "ab");
	assert_int_equal(utf8_from_bytes("abc", out, sizeof(out)), 3);
	assert_int_equal(utf8_from_bytes("x", out, 0), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_and_invalid_sequences),
		cmocka_unit_test(bytes_become_code_points),
		cmocka_unit_test(too_small_is_refused_with_a_valid_prefix),
	};

	return cmocka_run_group_tests_name("lib_utf8", tests, NULL, NULL);
}
