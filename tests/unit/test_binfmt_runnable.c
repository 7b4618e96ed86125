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
#include "binfmt/inroot.h"
#include "binfmt/runnable.h"

static char dir[64];

/* The rule binfmt_interp_runnable() names, BINFMT_OK when path passes: a
 * rule comes with the errno the kernel would give, a pass with 0. */
static enum binfmt_error runnable(int root_fd, const char *path)
{
	struct binfmt_rule rule;
	int r = binfmt_interp_runnable(root_fd, path, &rule);

	assert_true(r < 0 ? rule.broken != BINFMT_OK : r == 0 && rule.broken == BINFMT_OK);
	return rule.broken;
}

static const char *at(const char *rel)
{
	static char path[2][128];
	static int turn;

	turn = !turn;
	snprintf(path[turn], sizeof(path[turn]), "%s/%s", dir, rel);
	return path[turn];
}

static void put(const char *rel, mode_t mode)
{
	int fd = open(at(rel), O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_runnable.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void each_problem_is_named(void **state)
{
	(void)state;
	put("exec", 0755);
	put("owner-only", 0700);
	put("plain", 0644);
	assert_int_equal(mkdir(at("sub"), 0755), 0);
	assert_int_equal(mkfifo(at("fifo"), 0755), 0);
	assert_int_equal(symlink("exec", at("link")), 0);

	assert_int_equal(runnable(AT_FDCWD, at("exec")), 0);
	assert_int_equal(runnable(AT_FDCWD, at("owner-only")), 0);
	assert_int_equal(runnable(AT_FDCWD, at("link")), 0); /* as the kernel */
	assert_int_equal(runnable(AT_FDCWD, at("plain")), BINFMT_E_INTERP_NOT_EXEC);
	assert_int_equal(runnable(AT_FDCWD, at("sub")), BINFMT_E_INTERP_DIR);
	assert_int_equal(runnable(AT_FDCWD, at("fifo")), BINFMT_E_INTERP_NOT_REGULAR);
	assert_int_equal(runnable(AT_FDCWD, at("missing")), BINFMT_E_INTERP_MISSING);
	assert_int_equal(runnable(AT_FDCWD, at("exec/x")), BINFMT_E_INTERP_MISSING);
	assert_string_equal(binfmt_rule_text(BINFMT_E_INTERP_DIR), "interpreter is a directory");
}

/* What the kernel's open_exec() would fail with, for callers that test the
 * errno alone. */
static void each_problem_has_the_kernels_errno(void **state)
{
	(void)state;
	put("plain", 0644);
	assert_int_equal(mkdir(at("sub"), 0755), 0);
	assert_int_equal(binfmt_interp_runnable(AT_FDCWD, at("plain"), NULL), -EACCES);
	assert_int_equal(binfmt_interp_runnable(AT_FDCWD, at("sub"), NULL), -EISDIR);
	assert_int_equal(binfmt_interp_runnable(AT_FDCWD, at("missing"), NULL), -ENOENT);
}

/* Inside a root, the path and its links resolve as if the root were /. */
static void resolves_inside_a_root(void **state)
{
	int root_fd;

	(void)state;
	assert_int_equal(mkdir(at("bin"), 0755), 0);
	put("bin/only-here", 0755);
	assert_int_equal(symlink("/bin/only-here", at("bin/abs-link")), 0);
	assert_int_equal(binfmt_root_open(dir, &root_fd), 0);
	assert_true(root_fd >= 0);
	assert_int_equal(runnable(root_fd, "/bin/only-here"), 0);
	assert_int_equal(runnable(root_fd, "/bin/abs-link"), 0);
	assert_int_equal(runnable(root_fd, "/../../bin/only-here"), 0);
	assert_int_equal(runnable(AT_FDCWD, "/bin/only-here"), BINFMT_E_INTERP_MISSING);
	close(root_fd);
	assert_int_equal(binfmt_root_open("/", &root_fd), 0);
	assert_int_equal(root_fd, AT_FDCWD);
	assert_int_equal(binfmt_root_open(NULL, &root_fd), 0);
	assert_int_equal(root_fd, AT_FDCWD);
	assert_int_equal(binfmt_root_open(at("missing"), &root_fd), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_problem_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(each_problem_has_the_kernels_errno, setup,
						teardown),
		cmocka_unit_test_setup_teardown(resolves_inside_a_root, setup, teardown),
	};

	return cmocka_run_group_tests_name("binfmt_runnable", tests, NULL, NULL);
}
