/* The interpreter checks made before an entry is registered, over files the
 * test makes in a scratch directory: each is named (a noexec mount needs a
 * mount of its own: tests/integration/test_binfmtctl_interp.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/rule.h"
#include "lib/in_root.h"
#include "binfmt/runnable.h"
#include "tests/unit/scratch.h"

/* The rule binfmt_interp_runnable() names, BINFMT_OK when path passes: a
 * rule comes with the errno the kernel would give, a pass with 0. */
static enum binfmt_error runnable(int root_fd, const char *path)
{
	struct binfmt_rule rule;
	int r = binfmt_interp_runnable(root_fd, path, &rule);

	assert_true(r < 0 ? rule.broken != BINFMT_OK : r == 0 && rule.broken == BINFMT_OK);
	return rule.broken;
}

/* A one-byte file with mode. */
static void put(struct scratch *s, const char *rel, mode_t mode)
{
	assert_int_equal(scratch_put(s, rel, "x", mode), 0);
}

static void each_problem_is_named(void **state)
{
	struct scratch *s = *state;

	put(s, "exec", 0755);
	put(s, "owner-only", 0700);
	put(s, "plain", 0644);
	assert_int_equal(mkdir(scratch_path(s, "sub"), 0755), 0);
	assert_int_equal(mkfifo(scratch_path(s, "fifo"), 0755), 0);
	assert_int_equal(symlink("exec", scratch_path(s, "link")), 0);

	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "exec")), 0);
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "owner-only")), 0);
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "link")), 0); /* as the kernel */
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "plain")), BINFMT_E_INTERP_NOT_EXEC);
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "sub")), BINFMT_E_INTERP_DIR);
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "fifo")), BINFMT_E_INTERP_NOT_REGULAR);
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "missing")), BINFMT_E_INTERP_MISSING);
	assert_int_equal(runnable(AT_FDCWD, scratch_path(s, "exec/x")), BINFMT_E_INTERP_MISSING);
	assert_string_equal(binfmt_rule_text(BINFMT_E_INTERP_DIR), "interpreter is a directory");
}

/* What the kernel's open_exec() would fail with, for callers that test the
 * errno alone. */
static void each_problem_has_the_kernels_errno(void **state)
{
	struct scratch *s = *state;

	put(s, "plain", 0644);
	assert_int_equal(mkdir(scratch_path(s, "sub"), 0755), 0);
	assert_int_equal(binfmt_interp_runnable(AT_FDCWD, scratch_path(s, "plain"), NULL), -EACCES);
	assert_int_equal(binfmt_interp_runnable(AT_FDCWD, scratch_path(s, "sub"), NULL), -EISDIR);
	assert_int_equal(binfmt_interp_runnable(AT_FDCWD, scratch_path(s, "missing"), NULL),
			 -ENOENT);
}

/* Inside a root, the path and its links resolve as if the root were /. */
static void resolves_inside_a_root(void **state)
{
	struct scratch *s = *state;
	int root_fd;

	assert_int_equal(mkdir(scratch_path(s, "bin"), 0755), 0);
	put(s, "bin/only-here", 0755);
	assert_int_equal(symlink("/bin/only-here", scratch_path(s, "bin/abs-link")), 0);
	assert_int_equal(in_root_dir_open(s->dir, &root_fd), 0);
	assert_true(root_fd >= 0);
	assert_int_equal(runnable(root_fd, "/bin/only-here"), 0);
	assert_int_equal(runnable(root_fd, "/bin/abs-link"), 0);
	assert_int_equal(runnable(root_fd, "/../../bin/only-here"), 0);
	assert_int_equal(runnable(AT_FDCWD, "/bin/only-here"), BINFMT_E_INTERP_MISSING);
	close(root_fd);
	assert_int_equal(in_root_dir_open("/", &root_fd), 0);
	assert_int_equal(root_fd, AT_FDCWD);
	assert_int_equal(in_root_dir_open(NULL, &root_fd), 0);
	assert_int_equal(root_fd, AT_FDCWD);
	assert_int_equal(in_root_dir_open(scratch_path(s, "missing"), &root_fd), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_problem_is_named, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(each_problem_has_the_kernels_errno, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(resolves_inside_a_root, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests_name("binfmt_runnable", tests, NULL, NULL);
}
