/* lib/cache_dir: the rule in C, and the same answer as mk/cache-dir.sh, the build scripts'
 * statement of it (the tests run from the top of the tree). */
#include "lib/cache_dir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

struct env_case {
	const char *rosetta_cache, *xdg, *home;
};

static const struct env_case cases[] = {
	{ "/c/rosetta", "/x", "/h" }, { NULL, "/x", "/h" }, { "", "/x", "/h" },
	{ NULL, NULL, "/h" },	      { NULL, "", "/h" },   { "", "", "/home/a b" },
};

static void test_rule(void **state)
{
	char buf[PATH_MAX];

	(void)state;
	assert_int_equal(cache_dir_resolve("/c", "/x", "/h", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/c");
	assert_int_equal(cache_dir_resolve(NULL, "/x", "/h", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/x/rosetta-guest");
	assert_int_equal(cache_dir_resolve("", "", "/h", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/h/.cache/rosetta-guest");
	assert_int_equal(cache_dir_resolve(NULL, NULL, NULL, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(cache_dir_resolve(NULL, "/x", NULL, buf, 8), -ENAMETOOLONG);
}

static void set(const char *name, const char *value)
{
	if (value)
		assert_int_equal(setenv(name, value, 1), 0);
	else
		assert_int_equal(unsetenv(name), 0);
}

/* What `. mk/cache-dir.sh` sets ROSETTA_CACHE to in the current environment. */
static void shell_answer(char *buf, size_t size)
{
	FILE *p = popen("sh -c '. mk/cache-dir.sh && printf %s \"$ROSETTA_CACHE\"'", "r");
	size_t n;

	assert_non_null(p);
	n = fread(buf, 1, size - 1, p);
	buf[n] = '\0';
	assert_int_equal(pclose(p), 0);
}

static void test_same_as_the_build_scripts(void **state)
{
	char c[PATH_MAX], sh[PATH_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set("ROSETTA_CACHE", cases[i].rosetta_cache);
		set("XDG_CACHE_HOME", cases[i].xdg);
		set("HOME", cases[i].home);
		assert_int_equal(cache_dir_resolve(cases[i].rosetta_cache, cases[i].xdg,
						   cases[i].home, c, sizeof(c)),
				 0);
		shell_answer(sh, sizeof(sh));
		assert_string_equal(c, sh);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_same_as_the_build_scripts),
	};

	return cmocka_run_group_tests_name("lib_cache_dir", tests, NULL, NULL);
}
