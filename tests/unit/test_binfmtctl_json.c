/* binfmtctl's JSON writer: string escaping (quotes, backslashes, control
 * characters, UTF-8 kept, invalid UTF-8 made valid) and the placement of
 * commas in nested documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "binfmt/ctl/json.h"

/* Collects what one test writes. */
struct capture {
	FILE *f;
	char *text;
	size_t len;
};

static void capture_open(struct capture *c)
{
	c->text = NULL;
	c->f = open_memstream(&c->text, &c->len);
	assert_non_null(c->f);
}

static const char *capture_close(struct capture *c)
{
	assert_int_equal(fclose(c->f), 0);
	return c->text;
}

static void assert_escaped(const char *in, const char *want)
{
	struct capture c;

	capture_open(&c);
	json_write_string(c.f, in);
	assert_string_equal(capture_close(&c), want);
	free(c.text);
}

static void test_plain(void **state)
{
	(void)state;
	assert_escaped("", "\"\"");
	assert_escaped("qemu-x86_64", "\"qemu-x86_64\"");
	assert_escaped("/usr/bin/a b", "\"/usr/bin/a b\"");
	assert_escaped("a/b~\x7f", "\"a/b~\x7f\"");
}

static void test_quote_and_backslash(void **state)
{
	(void)state;
	assert_escaped("say \"hi\"", "\"say \\\"hi\\\"\"");
	assert_escaped("\\x7fELF", "\"\\\\x7fELF\"");
}

static void test_control_characters(void **state)
{
	(void)state;
	assert_escaped("a\nb\tc\rd", "\"a\\nb\\tc\\rd\"");
	assert_escaped("\b\f", "\"\\b\\f\"");
	assert_escaped("\x01\x1f", "\"\\u0001\\u001f\"");
	assert_escaped("\x1b[0m", "\"\\u001b[0m\"");
}

static void test_valid_utf8_kept(void **state)
{
	(void)state;
	assert_escaped("caf\xc3\xa9", "\"caf\xc3\xa9\"");	    /* U+00E9 */
	assert_escaped("\xe2\x82\xac", "\"\xe2\x82\xac\"");	    /* U+20AC */
	assert_escaped("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""); /* U+1F600 */
	assert_escaped("\xef\xbf\xbf\xf4\x8f\xbf\xbf",
		       "\"\xef\xbf\xbf\xf4\x8f\xbf\xbf\""); /* edges */
}

/* Bytes that are not UTF-8 become U+0080..U+00FF: lossy, but valid JSON. */
static void test_invalid_utf8_escaped(void **state)
{
	(void)state;
	assert_escaped("\xff", "\"\\u00ff\"");
	assert_escaped("a\x80z", "\"a\\u0080z\"");
	assert_escaped("\xc0\x80", "\"\\u00c0\\u0080\"");			/* overlong NUL */
	assert_escaped("\xe0\x80\xaf", "\"\\u00e0\\u0080\\u00af\"");		/* overlong '/' */
	assert_escaped("\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"");		/* surrogate */
	assert_escaped("\xf4\x90\x80\x80", "\"\\u00f4\\u0090\\u0080\\u0080\""); /* > U+10FFFF */
	assert_escaped("\xc3", "\"\\u00c3\"");					/* cut at the end */
	assert_escaped("\xe2\x82z", "\"\\u00e2\\u0082z\""); /* cut in the middle */
}

static void test_document(void **state)
{
	struct capture c;
	struct json j;

	(void)state;
	capture_open(&c);
	json_init(&j, c.f);
	json_object_begin(&j);
	json_kv_string(&j, "name", "rosetta");
	json_kv_bool(&j, "enabled", true);
	json_kv_uint(&j, "offset", 18446744073709551615ULL);
	json_key(&j, "mask");
	json_null(&j);
	json_key(&j, "list");
	json_array_begin(&j);
	json_uint(&j, 1);
	json_object_begin(&j);
	json_object_end(&j);
	json_array_begin(&j);
	json_array_end(&j);
	json_bool(&j, false);
	json_array_end(&j);
	json_key(&j, "empty");
	json_object_begin(&j);
	json_object_end(&j);
	json_object_end(&j);
	assert_string_equal(
	    capture_close(&c),
	    "{\"name\":\"rosetta\",\"enabled\":true,\"offset\":18446744073709551615,"
	    "\"mask\":null,\"list\":[1,{},[],false],\"empty\":{}}\n");
	free(c.text);
}

/* Top-level documents written one after another are one per line. */
static void test_documents_per_line(void **state)
{
	struct capture c;
	struct json j;

	(void)state;
	capture_open(&c);
	json_init(&j, c.f);
	json_array_begin(&j);
	json_string(&j, "a\"");
	json_array_end(&j);
	json_init(&j, c.f);
	json_object_begin(&j);
	json_object_end(&j);
	assert_string_equal(capture_close(&c), "[\"a\\\"\"]\n{}\n");
	free(c.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quote_and_backslash),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_valid_utf8_kept),
		cmocka_unit_test(test_invalid_utf8_escaped),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_documents_per_line),
	};

	return cmocka_run_group_tests_name("binfmtctl_json", tests, NULL, NULL);
}
