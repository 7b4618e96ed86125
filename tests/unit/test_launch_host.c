/*
 * The launcher's contact with the host, on a scratch directory: program lookup, file
 * checks, the listening test for unix sockets, the run directory, and child processes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tools/rosetta-launch/host.h"
#include "tools/rosetta-launch/process.h"
#include "tools/rosetta-launch/rundir.h"
#include "tools/rosetta-launch/tty.h"
#include "tools/rosetta-launch/unixsock.h"
#include "tests/unit/scratch.h"

static void make_file(struct scratch *s, const char *name, const char *text, mode_t mode)
{
	assert_int_equal(scratch_put(s, name, text, mode), 0);
}

static void test_find_program(void **state)
{
	struct scratch *s = *state;
	const char *want = scratch_path(s, "prog");
	char out[PATH_MAX], path_env[PATH_MAX * 2];

	make_file(s, "prog", "#!/bin/sh\n", 0755);
	make_file(s, "noexec", "data\n", 0644);
	assert_int_equal(mkdir(scratch_path(s, "adir"), 0755), 0);
	snprintf(path_env, sizeof(path_env), "::/nonexistent:%s", s->dir);

	assert_int_equal(launch_find_program("prog", path_env, out, sizeof(out)), 0);
	assert_string_equal(out, want);
	assert_int_equal(launch_find_program("noexec", path_env, out, sizeof(out)), -ENOENT);
	assert_int_equal(launch_find_program("adir", path_env, out, sizeof(out)), -ENOENT);
	assert_int_equal(launch_find_program("prog", "/nonexistent", out, sizeof(out)), -ENOENT);
	assert_int_equal(launch_find_program(want, "", out, sizeof(out)), 0);
	assert_string_equal(out, want);
	assert_int_equal(launch_find_program(scratch_path(s, "noexec"), "", out, sizeof(out)),
			 -EACCES);
	assert_int_equal(launch_find_program(scratch_path(s, "adir"), "", out, sizeof(out)),
			 -EACCES);
	assert_int_equal(launch_find_program(scratch_path(s, "none"), "", out, sizeof(out)),
			 -ENOENT);
	assert_int_equal(launch_find_program("", path_env, out, sizeof(out)), -ENOENT);
	assert_int_equal(launch_find_virtiofsd(want, "", out, sizeof(out)), 0);
	assert_string_equal(out, want);
	assert_int_equal(launch_find_virtiofsd("prog", path_env, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void test_check_files(void **state)
{
	struct scratch *s = *state;

	make_file(s, "kernel", "MZ", 0600);
	assert_int_equal(mkdir(scratch_path(s, "dir"), 0755), 0);
	assert_int_equal(mkfifo(scratch_path(s, "fifo"), 0600), 0);

	assert_int_equal(launch_check_readable(scratch_path(s, "kernel")), 0);
	assert_int_equal(launch_check_readable(scratch_path(s, "dir")), -EISDIR);
	assert_int_equal(launch_check_readable(scratch_path(s, "fifo")), -EINVAL);
	assert_int_equal(launch_check_readable(scratch_path(s, "missing")), -ENOENT);
	assert_int_equal(launch_check_dir(scratch_path(s, "dir")), 0);
	assert_int_equal(launch_check_dir(scratch_path(s, "kernel")), -ENOTDIR);
	assert_int_equal(launch_check_dir(scratch_path(s, "missing")), -ENOENT);
}

static void test_unix_line(void **state)
{
	(void)state;
	assert_int_equal(launch_unix_line_state("0000000000000000: 00000002 00000000 00010000 "
						"0001 01 4242 /run/x/vfs0.sock\n",
						"/run/x/vfs0.sock"),
			 1);
	assert_int_equal(launch_unix_line_state("0000000000000000: 00000002 00000000 00000000 "
						"0001 07 4242 /run/x/vfs0.sock\n",
						"/run/x/vfs0.sock"),
			 0);
	assert_int_equal(launch_unix_line_state("0000000000000000: 00000002 00000000 00010000 "
						"0001 01 4242 /run/x/vfs0.sock.old\n",
						"/run/x/vfs0.sock"),
			 -1);
	assert_int_equal(launch_unix_line_state("0000000000000000: 00000003 00000000 00000000 "
						"0001 03 4243\n",
						"/run/x/vfs0.sock"),
			 -1);
	assert_int_equal(launch_unix_line_state("Num       RefCount Protocol Flags    Type St "
						"Inode Path\n",
						"/run/x/vfs0.sock"),
			 -1);
}

static void test_socket_listening(void **state)
{
	struct scratch *s = *state;
	const char *sock = scratch_path(s, "vfs0.sock");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_true(strlen(sock) < sizeof(sa.sun_path));
	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	assert_int_equal(launch_socket_listening(sa.sun_path, "/proc/net/unix"), 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(launch_socket_listening(sa.sun_path, "/proc/net/unix"), 0);
	assert_int_equal(listen(fd, 1), 0);
	assert_int_equal(launch_socket_listening(sa.sun_path, "/proc/net/unix"), 1);
	/* without the table, a socket file is taken at its word */
	assert_int_equal(launch_socket_listening(sa.sun_path, scratch_path(s, "no-table")), 1);
	close(fd);
	make_file(s, "plain", "", 0600);
	assert_int_equal(launch_socket_listening(scratch_path(s, "plain"), "/proc/net/unix"), 0);
}

static void test_rundir(void **state)
{
	struct scratch *s = *state;
	char dir[PATH_MAX], file[PATH_MAX + 16];
	struct stat st;

	assert_int_equal(launch_rundir_create(s->dir, dir, sizeof(dir)), 0);
	assert_int_equal(strncmp(dir, s->dir, strlen(s->dir)), 0);
	assert_non_null(strstr(dir, "/rosetta-launch."));
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	snprintf(file, sizeof(file), "%s/vfs0.log", dir);
	assert_int_equal(close(open(file, O_WRONLY | O_CREAT, 0600)), 0);
	assert_int_equal(launch_rundir_remove(dir), 0);
	assert_int_equal(stat(dir, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(launch_rundir_remove(dir), -ENOENT);
	assert_int_equal(launch_rundir_create(scratch_path(s, "missing"), dir, sizeof(dir)),
			 -ENOENT);
	assert_int_equal(launch_rundir_create(s->dir, dir, 10), -ENAMETOOLONG);
}

static void test_read_tail(void **state)
{
	struct scratch *s = *state;
	char buf[16];

	/* 24 bytes; the last 15 start inside the first line, which is dropped */
	make_file(s, "log", "first line\nsecond\nthird\n", 0600);
	assert_int_equal(launch_read_tail(scratch_path(s, "log"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "second\nthird\n");
	make_file(s, "short", "only\n", 0600);
	assert_int_equal(launch_read_tail(scratch_path(s, "short"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "only\n");
	assert_int_equal(launch_read_tail(scratch_path(s, "none"), buf, sizeof(buf)), -ENOENT);
	assert_string_equal(buf, "");
}

static int child_setup(void **state)
{
	sigset_t set;
	int *fd = malloc(sizeof(*fd));

	if (!fd)
		return -1;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0) {
		free(fd);
		return -1;
	}
	*fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	*state = fd;
	return *fd < 0 ? -1 : 0;
}

static int child_teardown(void **state)
{
	int *fd = *state;

	close(*fd);
	free(fd);
	return 0;
}

static pid_t spawn(char *const argv[], int out)
{
	struct launch_spawn sp = { .argv = argv, .in = -1, .out = out, .err = -1 };
	pid_t pid = -1;

	assert_int_equal(launch_spawn(&sp, &pid), 0);
	assert_true(pid > 0);
	return pid;
}

static void test_spawn_and_exit_status(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "echo hi; exit 3", NULL };
	int sigfd = *(int *)*state, fds[2], status = 0;
	char buf[8] = "";
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = spawn(argv, fds[1]);
	close(fds[1]);
	assert_int_equal(read(fds[0], buf, sizeof(buf) - 1), 3);
	close(fds[0]);
	assert_string_equal(buf, "hi\n");
	assert_int_equal(launch_wait_exit(sigfd, pid, 5000, &status), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
}

static void test_spawn_failure_is_an_errno(void **state)
{
	char *argv[] = { "/nonexistent/qemu", NULL };
	struct launch_spawn sp = { .argv = argv, .in = -1, .out = -1, .err = -1 };
	pid_t pid = 0;

	(void)state;
	assert_int_equal(launch_spawn(&sp, &pid), -ENOENT);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

/* The child sees dir read-only (mounted so, and unwritable); the host's stays writable. */
static void test_spawn_readonly_view(void **state)
{
	static const char script[] = "touch \"$0/a\" 2>/dev/null && exit 1; "
				     "grep -q \" $0 ro[, ]\" /proc/self/mountinfo || exit 2";
	struct scratch *s = *state;
	char *argv[] = { "/bin/sh", "-c", (char *)script, s->dir, NULL };
	struct launch_spawn sp = { .argv = argv, .in = -1, .out = -1, .err = -1, .ro_dir = s->dir };
	struct stat st;
	int status = -1;
	pid_t pid;

	if (geteuid() != 0)
		fail_msg("needs root: a read-only view is a mount namespace of its own");
	assert_int_equal(launch_spawn(&sp, &pid), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(stat(scratch_path(s, "a"), &st), -1);
	make_file(s, "b", "host", 0600);
	/* a directory that is not there: the setup's errno, as for a failed exec */
	sp.ro_dir = scratch_path(s, "none");
	assert_int_equal(launch_spawn(&sp, &pid), -ENOENT);
}

static void test_stop_with_sigterm(void **state)
{
	char *argv[] = { "/bin/sleep", "60", NULL };
	int sigfd = *(int *)*state, status = 0;
	pid_t pid = spawn(argv, -1);

	assert_int_equal(launch_wait_exit(sigfd, pid, 50, &status), -ETIMEDOUT);
	assert_int_equal(launch_try_reap(pid, &status), 0);
	assert_int_equal(launch_stop(sigfd, pid, 5000, &status), 0);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
}

/* What qemu leaves behind when it is killed: a non-blocking stdin. */
static void test_tty_restore_flags(void **state)
{
	struct launch_tty t;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	launch_tty_save(&t, fds[0]);
	assert_false(t.have_termios);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	launch_tty_restore(&t, fds[0]);
	assert_int_equal(fcntl(fds[0], F_GETFL) & O_NONBLOCK, 0);
	close(fds[0]);
	close(fds[1]);
}

static void test_stop_escalates_to_sigkill(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "trap '' TERM; echo ready; exec sleep 60", NULL };
	int sigfd = *(int *)*state, status = 0, fds[2];
	int64_t t0;
	char buf[8];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = spawn(argv, fds[1]);
	close(fds[1]);
	assert_true(read(fds[0], buf, sizeof(buf)) > 0); /* the trap is set */
	close(fds[0]);
	t0 = launch_now_ms();
	assert_int_equal(launch_stop(sigfd, pid, 200, &status), 0);
	assert_true(launch_now_ms() - t0 >= 200);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
}

/* A raw image's filesystem type, by libblkid: ext4 made by mkfs.ext4, nothing for an empty
 * image or swap (not a filesystem), an error for a missing file. */
static void test_image_fstype(void **state)
{
	struct scratch *s = *state;
	char cmd[3 * PATH_MAX], type[32] = "stale";
	const char *ext4 = scratch_path(s, "root.ext4"), *empty = scratch_path(s, "empty.img"),
		   *swap = scratch_path(s, "swap.img");

	snprintf(cmd, sizeof(cmd),
		 "truncate -s 4M %s %s %s && mkfs.ext4 -q %s && mkswap %s >/dev/null", ext4, empty,
		 swap, ext4, swap);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(launch_image_fstype(ext4, type, sizeof(type)), 0);
	assert_string_equal(type, "ext4");
	assert_int_equal(launch_image_fstype(ext4, type, 4), 0);
	assert_string_equal(type, "");
	assert_int_equal(launch_image_fstype(empty, type, sizeof(type)), 0);
	assert_string_equal(type, "");
	assert_int_equal(launch_image_fstype(swap, type, sizeof(type)), 0);
	assert_string_equal(type, "");
	assert_true(launch_image_fstype(scratch_path(s, "missing.img"), type, sizeof(type)) < 0);
	assert_string_equal(type, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find_program, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_check_files, scratch_setup, scratch_teardown),
		cmocka_unit_test(test_unix_line),
		cmocka_unit_test_setup_teardown(test_image_fstype, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_socket_listening, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_rundir, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_read_tail, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_spawn_and_exit_status, child_setup,
						child_teardown),
		cmocka_unit_test(test_spawn_failure_is_an_errno),
		cmocka_unit_test_setup_teardown(test_spawn_readonly_view, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_stop_with_sigterm, child_setup,
						child_teardown),
		cmocka_unit_test_setup_teardown(test_stop_escalates_to_sigkill, child_setup,
						child_teardown),
		cmocka_unit_test(test_tty_restore_flags),
	};

	return cmocka_run_group_tests_name("launch_host", tests, NULL, NULL);
}
