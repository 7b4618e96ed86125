/* A directory's names: read whole, without "." and "..", sorted; an empty
 * directory gives none, and a closed one fails with readdir's errno. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/dir_names.h"
#include "tests/unit/scratch.h"

#include <cmocka.h>

static void touch(struct scratch *s, const char *name)
{
	assert_int_equal(scratch_put(s, name, "", 0644), 0);
}

static void names_sorted_without_dots(void **state)
{
	static const char *const want[] = { "B", "a", "a.conf", "b", "sub" };
	struct scratch *s = *state;
	struct dir_names ns;
	DIR *d;

	d = opendir(s->dir);
	assert_non_null(d);
	assert_int_equal(dir_names_read(d, &ns), 0);
	assert_int_equal(ns.n, 0);
	dir_names_free(&ns);
	closedir(d);

	touch(s, "b");
	touch(s, "a.conf");
	touch(s, "B");
	touch(s, "a");
	assert_int_equal(mkdir(scratch_path(s, "sub"), 0755), 0);
	d = opendir(s->dir);
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
	struct scratch *s = *state;
	struct dir_names ns;
	char name[16];
	DIR *d;

	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "n%03d", i);
		touch(s, name);
	}
	d = opendir(s->dir);
	assert_non_null(d);
	assert_int_equal(dir_names_read(d, &ns), 0);
	closedir(d);
	assert_true(ns.n >= 100);
	for (size_t i = 1; i < ns.n; i++)
		assert_true(strcmp(ns.v[i - 1], ns.v[i]) < 0);
	dir_names_free(&ns);
}

/* Unsorted: every name once, in whatever order the directory keeps. */
static void unsorted_names_are_all_there(void **state)
{
	struct scratch *s = *state;
	struct dir_names ns;
	bool seen[3] = { false };
	DIR *d;

	touch(s, "c");
	touch(s, "a");
	touch(s, "b");
	d = opendir(s->dir);
	assert_non_null(d);
	assert_int_equal(dir_names_read_unsorted(d, &ns), 0);
	closedir(d);
	assert_int_equal(ns.n, 3);
	for (size_t i = 0; i < ns.n; i++) {
		assert_int_equal(strlen(ns.v[i]), 1);
		assert_true(ns.v[i][0] >= 'a' && ns.v[i][0] <= 'c');
		assert_false(seen[ns.v[i][0] - 'a']);
		seen[ns.v[i][0] - 'a'] = true;
	}
	dir_names_free(&ns);
}

/* From an fd, which stays open: read twice, the names are all there twice,
 * wherever the first read left the fd's position. */
static void names_of_an_fd(void **state)
{
	struct scratch *s = *state;
	struct dir_names ns;
	int fd;

	touch(s, "x");
	touch(s, "y");
	fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(dir_names_read_fd(fd, &ns), 0);
		assert_int_equal(ns.n, 2);
		dir_names_free(&ns);
	}
	close(fd);
	assert_int_equal(dir_names_read_fd(-1, &ns), -EBADF);
	assert_int_equal(ns.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_sorted_without_dots),
		cmocka_unit_test(many_names_grow_the_list),
		cmocka_unit_test_setup_teardown(unsorted_names_are_all_there, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(names_of_an_fd, scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests_name("lib_dir_names", tests, scratch_setup, scratch_teardown);
}
