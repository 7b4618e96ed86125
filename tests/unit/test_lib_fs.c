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

#include <cmocka.h>

static char dir[] = "/tmp/test_lib_fs.XXXXXX";

static bool is_dir(const char *path, mode_t mode)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == mode;
}

static void makes_every_parent(void **state)
{
	char path[PATH_MAX];

	(void)state;
	umask(022);
	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	assert_int_equal(make_dirs(path, 0750), 0);
	assert_true(is_dir(path, 0750));
	snprintf(path, sizeof(path), "%s/a", dir);
	assert_true(is_dir(path, 0750));
	/* Again, and with a trailing slash: nothing to do. */
	snprintf(path, sizeof(path), "%s/a/b/c/", dir);
	assert_int_equal(make_dirs(path, 0750), 0);
	assert_int_equal(make_dirs("/", 0755), 0);
}

static void refuses_what_it_cannot_make(void **state)
{
	char path[PATH_MAX + 16], file[PATH_MAX];
	FILE *f;

	(void)state;
	snprintf(file, sizeof(file), "%s/file", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/file/below", dir);
	assert_int_equal(make_dirs(path, 0755), -ENOTDIR);
	memset(path, 'x', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(make_dirs(path, 0755), -ENAMETOOLONG);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(makes_every_parent),
		cmocka_unit_test(refuses_what_it_cannot_make),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
