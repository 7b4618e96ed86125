/* Paths inside a root: absolute links, ".." and magic links stay inside or
 * are refused; the parent of a path is opened (and made, when asked) inside
 * the root, and its last component is the caller's, never followed. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/in_root.h"
#include "tests/unit/scratch.h"

#include <cmocka.h>

/* A root "root" in the scratch, with the file "secret" beside it, outside. */
static int open_root(struct scratch *s)
{
	int fd;

	assert_int_equal(mkdir(scratch_path(s, "root"), 0755), 0);
	assert_int_equal(scratch_put(s, "secret", "host", 0644), 0);
	assert_int_equal(scratch_put(s, "root/secret", "tree", 0644), 0);
	fd = open(scratch_path(s, "root"), O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	return fd;
}

/* Reads what the path opens inside the root: "tree" for root/secret. */
static void assert_reads(int root_fd, const char *path, const char *want)
{
	char buf[8] = { 0 };
	int fd = in_root_open(root_fd, path, O_RDONLY | O_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_true(read(fd, buf, sizeof(buf) - 1) > 0);
	close(fd);
	assert_string_equal(buf, want);
}

static void links_and_dotdot_stay_inside(void **state)
{
	struct scratch *s = *state;
	int root = open_root(s);

	assert_int_equal(symlink("/secret", scratch_path(s, "root/abs")), 0);
	assert_int_equal(symlink("../../../secret", scratch_path(s, "root/up")), 0);
	assert_int_equal(symlink("/proc/self/cwd", scratch_path(s, "root/magic")), 0);
	assert_reads(root, "/secret", "tree");
	assert_reads(root, "../../secret", "tree");
	assert_reads(root, "abs", "tree");
	assert_reads(root, "up", "tree");
	/* The link leads to the root's own /proc, which is not there. */
	assert_int_equal(in_root_open(root, "magic/x", O_RDONLY, 0), -ENOENT);
	/* No root: the path is the caller's. */
	assert_reads(AT_FDCWD, scratch_path(s, "secret"), "host");
	close(root);
}

static void magic_links_refused(void **state)
{
	struct scratch *s = *state;
	int root = open_root(s), self = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);

	/* /proc/self as the root: its fd/N entries are magic links. */
	assert_true(self >= 0);
	assert_int_equal(in_root_open(self, "cwd/secret", O_RDONLY, 0), -ELOOP);
	close(self);
	close(root);
}

static void creates_with_mode(void **state)
{
	struct scratch *s = *state;
	int root = open_root(s), fd;
	struct stat st;

	assert_int_equal(symlink("/", scratch_path(s, "root/top")), 0);
	fd = in_root_open(root, "top/../made", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(scratch_path(s, "root/made"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(scratch_path(s, "made"), &st), -1);
	close(root);
}

static void parent_of_a_path(void **state)
{
	struct scratch *s = *state;
	int root = open_root(s), fd;
	const char *last = NULL;
	struct stat st;

	assert_int_equal(symlink("../..", scratch_path(s, "root/up")), 0);
	fd = in_root_parent(root, "up/secret", 0, IN_ROOT_LINKS_FOLLOW, &last);
	assert_true(fd >= 0);
	assert_string_equal(last, "secret");
	/* The parent is the root itself, not the scratch. */
	assert_int_equal(fstatat(fd, "root", &st, AT_SYMLINK_NOFOLLOW), -1);
	assert_int_equal(fstatat(fd, last, &st, AT_SYMLINK_NOFOLLOW), 0);
	close(fd);
	/* The last component is not resolved: a link is the link. */
	fd = in_root_parent(root, "up", 0, IN_ROOT_LINKS_FOLLOW, &last);
	assert_true(fd >= 0);
	assert_int_equal(fstatat(fd, last, &st, AT_SYMLINK_NOFOLLOW), 0);
	assert_true(S_ISLNK(st.st_mode));
	close(fd);
	assert_int_equal(in_root_parent(root, "", 0, IN_ROOT_LINKS_FOLLOW, &last), -EINVAL);
	assert_int_equal(in_root_parent(root, "a/", 0, IN_ROOT_LINKS_FOLLOW, &last), -EINVAL);
	assert_int_equal(in_root_parent(root, "a/..", 0, IN_ROOT_LINKS_FOLLOW, &last), -EINVAL);
	assert_int_equal(in_root_parent(root, "a/.", 0, IN_ROOT_LINKS_FOLLOW, &last), -EINVAL);
	assert_int_equal(in_root_parent(root, "missing/x", 0, IN_ROOT_LINKS_FOLLOW, &last),
			 -ENOENT);
	assert_int_equal(in_root_parent(root, "secret/x", 0, IN_ROOT_LINKS_FOLLOW, &last),
			 -ENOTDIR);
	close(root);
}

static void makes_missing_parents(void **state)
{
	struct scratch *s = *state;
	int root = open_root(s), fd;
	const char *last = NULL;
	struct stat st;

	umask(077);
	assert_int_equal(symlink("/usr/lib", scratch_path(s, "root/lib")), 0);
	assert_int_equal(symlink("/nowhere", scratch_path(s, "root/dangling")), 0);
	fd = in_root_parent(root, "a//b/c/file", 0755, IN_ROOT_LINKS_FOLLOW, &last);
	assert_true(fd >= 0);
	close(fd);
	assert_string_equal(last, "file");
	assert_int_equal(stat(scratch_path(s, "root/a/b/c"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	/* Through an absolute link: made below its target inside the root; a
	 * link to nothing is not made into a directory. */
	assert_int_equal(mkdir(scratch_path(s, "root/usr"), 0755), 0);
	assert_int_equal(mkdir(scratch_path(s, "root/usr/lib"), 0755), 0);
	fd = in_root_parent(root, "lib/x/file", 0755, IN_ROOT_LINKS_FOLLOW, &last);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(scratch_path(s, "root/usr/lib/x"), &st), 0);
	assert_int_equal(in_root_parent(root, "dangling/x/file", 0755, IN_ROOT_LINKS_FOLLOW, &last),
			 -EEXIST);
	assert_int_equal(stat(scratch_path(s, "nowhere"), &st), -1);
	umask(022);
	close(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(links_and_dotdot_stay_inside, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(magic_links_refused, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(creates_with_mode, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(parent_of_a_path, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(makes_missing_parents, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
