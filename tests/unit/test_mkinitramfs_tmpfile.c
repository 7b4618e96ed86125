/* Unit tests for the temporary output file of rosetta-mkinitramfs and its removal on signals:
 * SIGINT, SIGTERM and SIGHUP remove the named file (the fallback where O_TMPFILE is missing)
 * and still end the program with that signal; the unnamed file leaves nothing anyway; a
 * forked child does not remove its parent's file; a signal ignored at start stays ignored.
 * Each case runs in a child process, which installs the handler and signals itself, so that
 * the signal arrives at a known point: after the file is created, before it is committed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tools/rosetta-mkinitramfs/cleanup.h"
#include "lib/error.h"
#include "tools/rosetta-mkinitramfs/tmpfile.h"
#include "tests/unit/scratch.h"

/* Exit statuses of the children when something they checked went wrong. */
enum { BAD_SETUP = 10, BAD_NAME, SURVIVED, BAD_GRANDCHILD, BAD_COMMIT };

/* The group's scratch directory, and the output the tests write in it. */
static const char *dir, *target;

/* How many names other than . and .. are in dir. */
static int count_names(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* In the child: the handler installed, the file created with flags and written to. */
static void child_open(struct tmpfile *t, int flags)
{
	struct error_record err;

	error_init(&err);
	if (cleanup_install() < 0 || tmpfile_open(t, target, flags, &err) < 0 ||
	    write(t->fd, "partial", 7) != 7)
		_exit(BAD_SETUP);
	if ((flags & TMPFILE_NAMED) && (!t->name || access(t->name, F_OK) < 0))
		_exit(BAD_NAME);
}

static int wait_child(pid_t pid)
{
	int status;

	assert_true(pid >= 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void check_signal_removes(int sig, int flags)
{
	struct tmpfile t;
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		child_open(&t, flags);
		kill(getpid(), sig);
		_exit(SURVIVED);
	}
	status = wait_child(pid);
	if (!WIFSIGNALED(status))
		fail_msg("signal %d, flags %d: child exited %d", sig, flags, WEXITSTATUS(status));
	assert_int_equal(WTERMSIG(status), sig);
	assert_int_equal(count_names(), 0);
}

static void test_signal_removes_named_file(void **state)
{
	(void)state;
	check_signal_removes(SIGTERM, TMPFILE_NAMED);
	check_signal_removes(SIGINT, TMPFILE_NAMED);
	check_signal_removes(SIGHUP, TMPFILE_NAMED);
}

static void test_signal_leaves_no_unnamed_file(void **state)
{
	(void)state;
	check_signal_removes(SIGTERM, 0);
	check_signal_removes(SIGINT, 0);
}

/* A child forked after the file was made (as the compressor is, before its exec) and killed
 * there does not remove the parent's file, which the parent then commits. */
static void test_forked_child_keeps_name(void **state)
{
	struct tmpfile t;
	pid_t pid = fork();

	(void)state;
	if (pid == 0) {
		struct error_record err;
		pid_t grandchild;
		int status;

		child_open(&t, TMPFILE_NAMED);
		grandchild = fork();
		if (grandchild == 0) {
			kill(getpid(), SIGTERM);
			_exit(SURVIVED);
		}
		if (waitpid(grandchild, &status, 0) != grandchild || !WIFSIGNALED(status) ||
		    access(t.name, F_OK) < 0)
			_exit(BAD_GRANDCHILD);
		error_init(&err);
		_exit(tmpfile_commit(&t, &err) == 0 ? 0 : BAD_COMMIT);
	}
	assert_int_equal(wait_child(pid), 0);
	assert_int_equal(count_names(), 1);
	assert_int_equal(access(target, F_OK), 0);
	assert_int_equal(unlink(target), 0);
}

/* Started with SIGHUP ignored (as under nohup): it stays ignored, and the file stays. */
static void test_ignored_signal_stays_ignored(void **state)
{
	struct tmpfile t;
	pid_t pid = fork();

	(void)state;
	if (pid == 0) {
		int kept;

		signal(SIGHUP, SIG_IGN);
		child_open(&t, TMPFILE_NAMED);
		kill(getpid(), SIGHUP);
		kept = access(t.name, F_OK) == 0;
		tmpfile_abort(&t);
		_exit(kept ? 0 : BAD_NAME);
	}
	assert_int_equal(wait_child(pid), 0);
	assert_int_equal(count_names(), 0);
}

static int group_setup(void **state)
{
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	dir = s->dir;
	target = scratch_path(s, "out.cpio");
	return 0;
}

/* The directory must be empty by now: a name left in it fails the group. */
static int group_teardown(void **state)
{
	int r = rmdir(dir);

	return scratch_teardown(state) | r;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signal_removes_named_file),
		cmocka_unit_test(test_signal_leaves_no_unnamed_file),
		cmocka_unit_test(test_forked_child_keeps_name),
		cmocka_unit_test(test_ignored_signal_stays_ignored),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
