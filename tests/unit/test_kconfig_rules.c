/* The rules made from the fragments at build time (kernel-config/rules.awk)
 * are the fragments: read back with the checker's own parser, each
 * fragment's options are its level's rules, in its order, with the values
 * it wants and the comment line above each as the why; no rule comes from
 * anywhere else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel-config/config.h"
#include "kernel-config/rules.h"
#include "lib/whole_file.h"

#include <cmocka.h>

static const char *const fragments[KCONFIG_LEVELS] = {
	[KCONFIG_REQUIRED] = "kernel-config/required.config",
	[KCONFIG_RECOMMENDED] = "kernel-config/recommended.config",
};

static int by_line(const void *a, const void *b)
{
	const struct kconfig_option *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

/* The line above option o of text: "# why". */
static void assert_why(const char *text, const struct kconfig_option *o, const char *why)
{
	char expect[512];

	snprintf(expect, sizeof(expect), "\n# %s\n%s", why, o->name);
	if (!strstr(text, expect))
		fail_msg("%s's why '%s' is not the line above it", o->name, why);
}

/* The rules of level, from *next on, are the fragment's options. */
static void assert_fragment(enum kconfig_level level, size_t *next)
{
	struct error_record e;
	struct kconfig c;
	char *raw, *text;
	size_t len;

	error_init(&e);
	assert_int_equal(read_whole_file(fragments[level], 1 << 20, &raw, &len), 0);
	text = realloc(raw, len + 1); /* a C string, for strstr */
	assert_non_null(text);
	text[len] = '\0';
	assert_int_equal(kconfig_parse(&c, text, len, fragments[level], &e), 0);
	assert_true(c.n > 10);
	qsort(c.v, c.n, sizeof(*c.v), by_line);
	for (size_t i = 0; i < c.n; i++, (*next)++) {
		const struct kconfig_rule *r = &kconfig_rules[*next];

		assert_true(*next < kconfig_nrules);
		assert_string_equal(r->option, c.v[i].name);
		assert_int_equal(r->level, level);
		if (c.v[i].value)
			assert_string_equal(r->want, c.v[i].value);
		else
			assert_null(r->want);
		assert_true(strlen(r->why) > 10);
		assert_why(text, &c.v[i], r->why);
	}
	kconfig_free(&c);
	free(text);
}

static void rules_are_the_fragments(void **state)
{
	size_t next = 0;

	(void)state;
	assert_fragment(KCONFIG_REQUIRED, &next);
	assert_fragment(KCONFIG_RECOMMENDED, &next);
	assert_int_equal(next, kconfig_nrules);
}

static void level_names(void **state)
{
	(void)state;
	assert_string_equal(kconfig_level_name(KCONFIG_REQUIRED), "required");
	assert_string_equal(kconfig_level_name(KCONFIG_RECOMMENDED), "recommended");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_are_the_fragments),
		cmocka_unit_test(level_names),
	};

	return cmocka_run_group_tests_name("kconfig_rules", tests, NULL, NULL);
}
