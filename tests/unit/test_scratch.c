/* The unit tests' scratch directory: made fresh and private under $TMPDIR, named after the
 * test; files written with exactly their mode; paths that stay valid; the whole tree
 * removed, a symbolic link's target left alone; the cmocka fixtures. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/whole_file.h"
#include "tests/unit/scratch.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static void assert_text(const char *path, const char *want)
{
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(read_whole_file(path, 4096, &text, &len), 0);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(text, want, len);
	free(text);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode;
}

/* Under $TMPDIR, named after the program, private, and a new one each time. */
static void made_fresh_under_tmpdir(void **state)
{
	struct scratch a, b, c;
	char want[PATH_MAX + 32];

	(void)state;
	assert_int_equal(setenv("TMPDIR", "/tmp/", 1), 0);
	assert_int_equal(scratch_make(&a), 0);
	assert_int_equal(scratch_make(&b), 0);
	assert_string_not_equal(a.dir, b.dir);
	assert_int_equal(strncmp(a.dir, "/tmp/test_scratch.", 18), 0);
	assert_int_equal(strlen(a.dir), strlen("/tmp/test_scratch.XXXXXX"));
	assert_int_equal(mode_of(a.dir), S_IFDIR | 0700);
	/* A $TMPDIR of its own: the scratch goes there. */
	assert_int_equal(setenv("TMPDIR", a.dir, 1), 0);
	assert_int_equal(scratch_make(&c), 0);
	snprintf(want, sizeof(want), "%s/test_scratch.", a.dir);
	assert_int_equal(strncmp(c.dir, want, strlen(want)), 0);
	assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_int_equal(scratch_remove(&c), 0);
	assert_int_equal(scratch_remove(&a), 0);
	assert_int_equal(scratch_remove(&b), 0);
	assert_int_equal(access(a.dir, F_OK), -1);
}

/* A $TMPDIR that does not exist, or too long a one: the errno, and nothing made. */
static void make_fails_with_errno(void **state)
{
	char tmpdir[PATH_MAX];
	struct scratch s;

	(void)state;
	assert_int_equal(setenv("TMPDIR", "/nonexistent-scratch-parent", 1), 0);
	assert_int_equal(scratch_make(&s), -ENOENT);
	assert_string_equal(s.dir, "");
	assert_int_equal(scratch_remove(&s), 0);
	memset(tmpdir, 'x', sizeof(tmpdir) - 1);
	tmpdir[0] = '/';
	tmpdir[sizeof(tmpdir) - 1] = '\0';
	assert_int_equal(setenv("TMPDIR", tmpdir, 1), 0);
	assert_int_equal(scratch_make(&s), -ENAMETOOLONG);
	assert_string_equal(s.dir, "");
	assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_int_equal(scratch_remove(&s), 0);
}

static void files_with_exact_modes(void **state)
{
	struct scratch *s = *state;
	mode_t old = umask(077);

	assert_int_equal(scratch_put(s, "text", "hello\n", 0644), 0);
	assert_int_equal(scratch_write(s, "bytes", "a\0b", 3, 04755), 0);
	umask(old);
	assert_int_equal(mode_of(scratch_path(s, "text")), S_IFREG | 0644);
	assert_int_equal(mode_of(scratch_path(s, "bytes")), S_IFREG | 04755);
	assert_text(scratch_path(s, "text"), "hello\n");
	/* Written again: truncated, and the new mode. */
	assert_int_equal(scratch_put(s, "text", "hi", 0600), 0);
	assert_text(scratch_path(s, "text"), "hi");
	assert_int_equal(mode_of(scratch_path(s, "text")), S_IFREG | 0600);
	assert_int_equal(scratch_put(s, "missing/file", "x", 0644), -ENOENT);
}

/* Every path given stays as it was while more are asked for. */
static void paths_stay_valid(void **state)
{
	struct scratch *s = *state;
	const char *first = scratch_path(s, "first");
	char want[PATH_MAX + 8];

	for (int i = 0; i < 100; i++)
		scratch_path(s, "other");
	snprintf(want, sizeof(want), "%s/first", s->dir);
	assert_string_equal(first, want);
}

/* The whole tree goes; what a symbolic link in it points to stays. */
static void removes_the_whole_tree(void **state)
{
	struct scratch s, outside;
	char dir[PATH_MAX];

	(void)state;
	assert_int_equal(scratch_make(&s), 0);
	assert_int_equal(scratch_make(&outside), 0);
	assert_int_equal(scratch_put(&outside, "kept", "k", 0644), 0);
	assert_int_equal(mkdir(scratch_path(&s, "a"), 0755), 0);
	assert_int_equal(mkdir(scratch_path(&s, "a/b"), 0500), 0);
	assert_int_equal(scratch_put(&s, "a/f", "f", 0), 0);
	assert_int_equal(symlink(outside.dir, scratch_path(&s, "a/link")), 0);
	assert_int_equal(mkfifo(scratch_path(&s, "fifo"), 0600), 0);
	snprintf(dir, sizeof(dir), "%s", s.dir);
	assert_int_equal(scratch_remove(&s), 0);
	assert_int_equal(access(dir, F_OK), -1);
	assert_string_equal(s.dir, "");
	assert_int_equal(access(scratch_path(&outside, "kept"), F_OK), 0);
	/* A part of a tree, and one that is not there. */
	assert_int_equal(mkdir(scratch_path(&outside, "sub"), 0755), 0);
	assert_int_equal(scratch_put(&outside, "sub/f", "f", 0644), 0);
	assert_int_equal(scratch_remove_tree(scratch_path(&outside, "sub")), 0);
	assert_int_equal(access(scratch_path(&outside, "sub"), F_OK), -1);
	assert_int_equal(scratch_remove_tree(scratch_path(&outside, "sub")), 0);
	assert_int_equal(access(scratch_path(&outside, "kept"), F_OK), 0);
	assert_int_equal(scratch_remove(&outside), 0);
}

/* The fixtures: a scratch in *state, and none after. */
static void fixtures(void **state)
{
	void *fixture = NULL;
	char dir[PATH_MAX];

	(void)state;
	assert_int_equal(scratch_setup(&fixture), 0);
	assert_non_null(fixture);
	snprintf(dir, sizeof(dir), "%s", ((struct scratch *)fixture)->dir);
	assert_int_equal(mode_of(dir), S_IFDIR | 0700);
	assert_int_equal(scratch_teardown(&fixture), 0);
	assert_null(fixture);
	assert_int_equal(access(dir, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(made_fresh_under_tmpdir),
		cmocka_unit_test(make_fails_with_errno),
		cmocka_unit_test_setup_teardown(files_with_exact_modes, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(paths_stay_valid, scratch_setup, scratch_teardown),
		cmocka_unit_test(removes_the_whole_tree),
		cmocka_unit_test(fixtures),
	};

	return cmocka_run_group_tests_name("scratch", tests, NULL, NULL);
}
