/* kernel-config/config.c: a .config's lines into options by name. Values
 * are kept as written, "is not set" (and Kconfig's "=n") is an option
 * without a value, comments are skipped but for the header naming the
 * architecture and version, a later line overrides an earlier one, and
 * every line that is none of these (control characters in a value included)
 * is named with its number. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel-config/config.h"

#include <cmocka.h>

static struct error_record e;

static int parse(struct kconfig *c, const char *text)
{
	error_init(&e);
	return kconfig_parse(c, text, strlen(text), "t.config", &e);
}

static void values_as_written(void **state)
{
	struct kconfig c;

	(void)state;
	assert_int_equal(parse(&c, "CONFIG_B=m\nCONFIG_A=y\nCONFIG_SHIFT=12\n"
				   "CONFIG_S=\"a b=c\"\nCONFIG_H=0x10\n"),
			 0);
	assert_int_equal(c.n, 5);
	assert_string_equal(kconfig_value(&c, "CONFIG_A"), "y");
	assert_string_equal(kconfig_value(&c, "CONFIG_B"), "m");
	assert_string_equal(kconfig_value(&c, "CONFIG_SHIFT"), "12");
	assert_string_equal(kconfig_value(&c, "CONFIG_S"), "\"a b=c\"");
	assert_string_equal(kconfig_value(&c, "CONFIG_H"), "0x10");
	assert_int_equal(kconfig_find(&c, "CONFIG_B")->line, 1);
	assert_null(kconfig_find(&c, "CONFIG_C"));
	assert_int_equal(e.count, 0);
	kconfig_free(&c);
}

/* Not set is an option the configuration has, unlike one it lacks. */
static void not_set(void **state)
{
	struct kconfig c;
	const struct kconfig_option *o;

	(void)state;
	assert_int_equal(parse(&c, "# CONFIG_MODULES is not set\nCONFIG_N=n\n"), 0);
	o = kconfig_find(&c, "CONFIG_MODULES");
	assert_non_null(o);
	assert_null(o->value);
	assert_non_null(kconfig_find(&c, "CONFIG_N"));
	assert_null(kconfig_value(&c, "CONFIG_N"));
	assert_null(kconfig_value(&c, "CONFIG_MODULES"));
	kconfig_free(&c);
}

static void comments_and_header(void **state)
{
	struct kconfig c;

	(void)state;
	assert_int_equal(parse(&c, "#\n# Automatically generated file; DO NOT EDIT.\n"
				   "# Linux/arm64 6.1.192 Kernel Configuration\n#\n"
				   "# CONFIG_A is not set here\n#CONFIG_B is not set\n\n  \t\n"
				   "# Linux/x86 6.13.0 Kernel Configuration\nCONFIG_C=y\n"),
			 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.arch, "arm64");
	assert_string_equal(c.version, "6.1.192");
	assert_false(c.gzip);
	kconfig_free(&c);
}

/* A header line that is not quite one names nothing. */
static void odd_headers(void **state)
{
	static const char *const odd[] = {
		"# Linux/arm64 Kernel Configuration\n",
		"# Linux/ 6.1 Kernel Configuration\n",
		"# Linux/arm64 6.1 x Kernel Configuration\n",
		"# Linux/arm64 6.1 Kernel Configuration \n",
		"# Linux/arm64-but-far-too-long-for-an-architecture 6.1 Kernel Configuration\n",
	};
	struct kconfig c;

	(void)state;
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		assert_int_equal(parse(&c, odd[i]), 0);
		assert_string_equal(c.arch, "");
		assert_string_equal(c.version, "");
		kconfig_free(&c);
	}
}

static void later_line_wins(void **state)
{
	struct kconfig c;

	(void)state;
	assert_int_equal(parse(&c, "CONFIG_A=y\nCONFIG_B=y\n# CONFIG_A is not set\nCONFIG_B=m\n"),
			 0);
	assert_int_equal(c.n, 2);
	assert_null(kconfig_value(&c, "CONFIG_A"));
	assert_string_equal(kconfig_value(&c, "CONFIG_B"), "m");
	assert_int_equal(kconfig_find(&c, "CONFIG_B")->line, 4);
	kconfig_free(&c);
}

/* As Kconfig reads them: CRLF lines, no newline at the end, nothing at all. */
static void line_endings(void **state)
{
	struct kconfig c;

	(void)state;
	assert_int_equal(parse(&c, "CONFIG_A=y\r\n# CONFIG_B is not set\r\nCONFIG_C=m"), 0);
	assert_string_equal(kconfig_value(&c, "CONFIG_A"), "y");
	assert_non_null(kconfig_find(&c, "CONFIG_B"));
	assert_string_equal(kconfig_value(&c, "CONFIG_C"), "m");
	kconfig_free(&c);
	assert_int_equal(parse(&c, ""), 0);
	assert_int_equal(c.n, 0);
	assert_null(kconfig_find(&c, "CONFIG_A"));
	kconfig_free(&c);
}

/* Every bad line is named, with its number; nothing is kept. */
static void malformed_lines(void **state)
{
	static const char text[] = "CONFIG_OK=y\n"
				   "CONFIG_A = y\n"
				   "garbage\n"
				   "CONFIG_=y\n"
				   "CONFIG_B=\n"
				   "CONFIG_C\n"
				   "CONFIG_D-E=y\n"
				   " CONFIG_F=y\n"
				   "CONFIG_G=y\0trailing\n"
				   "CONFIG_H=\"a\tb\"\n"
				   "CONFIG_I=y\r\r\n"
				   "CONFIG_LAST=y\n";
	struct kconfig c;

	(void)state;
	error_init(&e);
	assert_int_equal(kconfig_parse(&c, text, sizeof(text) - 1, "t.config", &e), -EINVAL);
	assert_int_equal(e.count, 10);
	assert_int_equal(e.err, -EINVAL);
	assert_false(e.system);
	for (unsigned int i = 0; i < ERROR_MAX; i++)
		assert_int_equal(e.msg[i].line, i + 2);
	assert_string_equal(e.msg[0].text, "t.config:2: not an option (CONFIG_NAME=VALUE, # "
					   "CONFIG_NAME is not set), a comment or a blank line");
	assert_null(c.v);
	assert_null(c.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_as_written),   cmocka_unit_test(not_set),
		cmocka_unit_test(comments_and_header), cmocka_unit_test(odd_headers),
		cmocka_unit_test(later_line_wins),     cmocka_unit_test(line_endings),
		cmocka_unit_test(malformed_lines),
	};

	return cmocka_run_group_tests_name("kconfig_parse", tests, NULL, NULL);
}
