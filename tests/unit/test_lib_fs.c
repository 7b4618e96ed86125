/* mkdir -p: every missing parent made, existing ones left, a path too long
 * or blocked by a file refused with its errno. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/fs.h"
#include "tests/unit/scratch.h"

#include <cmocka.h>

static bool is_dir(const char *path, mode_t mode)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == mode;
}

static void makes_every_parent(void **state)
{
	struct scratch *s = *state;

	umask(022);
	assert_int_equal(make_dirs(scratch_path(s, "a/b/c"), 0750), 0);
	assert_true(is_dir(scratch_path(s, "a/b/c"), 0750));
	assert_true(is_dir(scratch_path(s, "a"), 0750));
	/* Again, and with a trailing slash: nothing to do. */
	assert_int_equal(make_dirs(scratch_path(s, "a/b/c/"), 0750), 0);
	assert_int_equal(make_dirs("/", 0755), 0);
}

static void refuses_what_it_cannot_make(void **state)
{
	struct scratch *s = *state;
	char path[PATH_MAX + 16];
	FILE *f;

	f = fopen(scratch_path(s, "file"), "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(make_dirs(scratch_path(s, "file/below"), 0755), -ENOTDIR);
	memset(path, 'x', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(make_dirs(path, 0755), -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(makes_every_parent),
		cmocka_unit_test(refuses_what_it_cannot_make),
	};

	return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
