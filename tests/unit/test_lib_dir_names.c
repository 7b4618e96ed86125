/* A directory's names: read whole, without "." and "..", sorted; an empty
 * directory gives none, and a closed one fails with readdir's errno. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/dir_names.h"

#include <cmocka.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dir-names-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void touch(const char *name)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fclose(f), 0);
}

static void names_sorted_without_dots(void **state)
{
	static const char *const want[] = { "B", "a", "a.conf", "b", "sub" };
	struct dir_names ns;
	char path[128];
	DIR *d;

	(void)state;
	d = opendir(dir);
	assert_non_null(d);
	assert_int_equal(dir_names_read(d, &ns), 0);
	assert_int_equal(ns.n, 0);
	dir_names_free(&ns);
	closedir(d);

	touch("b");
	touch("a.conf");
	touch("B");
	touch("a");
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	d = opendir(dir);
	assert_non_null(d);
	assert_int_equal(dir_names_read(d, &ns), 0);
	closedir(d);
	assert_int_equal(ns.n, 5);
	for (size_t i = 0; i < ns.n; i++)
		assert_string_equal(ns.v[i], want[i]);
	dir_names_free(&ns);
	assert_null(ns.v);
}

static void many_names_grow_the_list(void **state)
{
	struct dir_names ns;
	char name[16];
	DIR *d;

	(void)state;
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "n%03d", i);
		touch(name);
	}
	d = opendir(dir);
	assert_non_null(d);
	assert_int_equal(dir_names_read(d, &ns), 0);
	closedir(d);
	assert_true(ns.n >= 100);
	for (size_t i = 1; i < ns.n; i++)
		assert_true(strcmp(ns.v[i - 1], ns.v[i]) < 0);
	dir_names_free(&ns);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_sorted_without_dots),
		cmocka_unit_test(many_names_grow_the_list),
	};

	return cmocka_run_group_tests_name("lib_dir_names", tests, setup, teardown);
}
