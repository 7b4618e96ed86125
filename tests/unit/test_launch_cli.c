/*
 * The real rosetta-launch binary, without a guest. It is found next to this test as
 * ../host/rosetta-launch. For runs, this same program stands in for virtiofsd (called with
 * --socket-path=) and for qemu (called with -M): the stand-ins listen and connect like the
 * real ones and then behave as FAKE_VFS / FAKE_QEMU say, so the tests see exit codes,
 * messages, the console copy, and that no child and no run directory outlives a launch:
 * with a virtiofsd that goes away mid-run, and with a standard output nobody reads.
 * The virtiofsd stand-in notes whether its source is read-only, which needs a launcher
 * run as root (a mount namespace of its own for each read-only share).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/scratch.h"

#include <cmocka.h>

#define RUN_LIMIT_MS 30000

/* Paths shared by every test: set once by the group setup. */
static struct {
	char self[PATH_MAX];
	char launcher[PATH_MAX];
	struct scratch scratch;
	const char *kernel, *initrd, *share, *root, *xdg, *pids, *qcow2, *data;
	const char *image, *image_gz; /* an arm64 Image's header, a gzip's */
} env;

/* ---- stand-ins ---------------------------------------------------------------------- */

static void note_pid(const char *role)
{
	char path[PATH_MAX];
	const char *dir = getenv("FAKE_PIDDIR");

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.%d", dir, role, (int)getpid());
	close(open(path, O_WRONLY | O_CREAT, 0600));
}

/* "vfsro.PID" when the directory it serves cannot be written, here. */
static void note_source(int argc, char *argv[])
{
	struct statvfs st;
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "source=", 7) == 0 && statvfs(argv[i] + 7, &st) == 0 &&
		    (st.f_flag & ST_RDONLY))
			note_pid("vfsro");
}

/* The directory it serves, from its -o source=DIR. */
static const char *source_of(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "source=", 7) == 0)
			return argv[i] + 7;
	return "";
}

/* How a virtiofsd serving the guest goes away on its own: 300 ms into the connection, it is
 * killed ("die"; "die-root" only for the share of the directory named root), exits with
 * status 3 saying why ("exit"), or exits 0 while qemu keeps running ("quit"). */
static int serve(int conn, const char *mode, const char *source)
{
	char buf[256];
	size_t len = strlen(source);

	if (mode && strcmp(mode, "die-root") == 0 &&
	    (len < 5 || strcmp(source + len - 5, "/root") != 0))
		mode = NULL;
	if (mode && (strncmp(mode, "die", 3) == 0 || strcmp(mode, "exit") == 0 ||
		     strcmp(mode, "quit") == 0)) {
		usleep(300000);
		if (strncmp(mode, "die", 3) == 0)
			raise(SIGKILL);
		if (strcmp(mode, "quit") == 0)
			return 0;
		fprintf(stderr, "fake virtiofsd: lost the guest\n");
		return 3;
	}
	while (read(conn, buf, sizeof(buf)) > 0)
		;
	return 0; /* the guest went away */
}

static int fake_virtiofsd(const char *socket_path, int argc, char *argv[])
{
	const char *mode = getenv("FAKE_VFS");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, conn;

	note_pid("vfs");
	note_source(argc, argv);
	if (mode && strcmp(mode, "fail") == 0) {
		fprintf(stderr, "fake virtiofsd: cannot share\n");
		return 1;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 2;
	usleep(50000); /* bound but not listening: the launcher must wait */
	if (listen(fd, 1) < 0)
		return 2;
	conn = accept(fd, NULL, NULL);
	if (conn < 0)
		return 2;
	return serve(conn, mode, source_of(argc, argv));
}

static void say_out(const char *text)
{
	if (write(STDOUT_FILENO, text, strlen(text)) < 0)
		_exit(3);
}

static int connect_shares(int argc, char *argv[])
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int i;

	for (i = 1; i + 1 < argc; i++) {
		const char *p = strstr(argv[i + 1], "path=");
		int fd;

		if (strcmp(argv[i], "-chardev") != 0 || !p)
			continue;
		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p + 5);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			fprintf(stderr, "fake qemu: cannot connect to %s\n", sa.sun_path);
			return -1;
		}
		/* left open, like qemu's vhost-user connection */
	}
	return 0;
}

static int print_args(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc; i++) {
		say_out(argv[i]);
		say_out("\n");
	}
	say_out("rosetta-init: exit status 0\n");
	return 0;
}

static void __attribute__((noreturn)) hang(bool ignore_sigterm)
{
	char line[64];

	if (ignore_sigterm)
		signal(SIGTERM, SIG_IGN);
	snprintf(line, sizeof(line), "ready pid=%d\n", (int)getpid());
	say_out(line);
	for (;;)
		pause();
}

/* A console that writes more than any pipe holds: bytes without end ("flood"), or 128 KiB
 * and then the status line ("flood-status"). */
static int flood(bool forever)
{
	static char chunk[4096];
	int i;

	memset(chunk, 'x', sizeof(chunk));
	chunk[sizeof(chunk) - 1] = '\n';
	for (i = 0; forever || i < 32; i++)
		if (write(STDOUT_FILENO, chunk, sizeof(chunk)) < 0)
			return 3;
	say_out("rosetta-init: exit status 7\r\n");
	return 0;
}

static int fake_qemu(int argc, char *argv[])
{
	const char *mode = getenv("FAKE_QEMU");

	note_pid("qemu");
	if (!mode || connect_shares(argc, argv) < 0)
		return 1;
	if (fcntl(STDIN_FILENO, F_GETFD) < 0) {
		fprintf(stderr, "fake qemu: no stdin\n");
		return 1;
	}
	if (strcmp(mode, "status") == 0) {
		say_out("[    0.1] booting\r\nentry output\r\n");
		say_out("rosetta-init: exit status 7\r\n[    0.2] reboot: Power down\r\n");
		return 0;
	}
	if (strcmp(mode, "panic") == 0) {
		say_out("[    0.1] Kernel panic - not syncing: No working init found.\r\n");
		return 0;
	}
	if (strcmp(mode, "args") == 0)
		return print_args(argc, argv);
	if (strncmp(mode, "flood", 5) == 0)
		return flood(strcmp(mode, "flood") == 0);
	if (strcmp(mode, "status-hang") == 0) {
		/* the entry ended, and the guest does not get to power off */
		say_out("rosetta-init: exit status 7\r\n");
		hang(false);
	}
	if (strcmp(mode, "fail") == 0)
		return 1;
	if (strcmp(mode, "hang") == 0 || strcmp(mode, "stubborn") == 0)
		hang(strcmp(mode, "stubborn") == 0);
	return 0; /* "quiet": a guest that says nothing */
}

/* ---- running the launcher ----------------------------------------------------------- */

struct run {
	const char *xdg; /* XDG_RUNTIME_DIR when not the scratch one */
	const char *qemu_mode;
	const char *vfs_mode;
	int signal_on_ready;
	int signal_after_ms; /* send signal_on_ready this long after the start instead */
	bool unread_out;     /* stdout is a pipe nobody reads */
	bool unread_err;     /* so is stderr (the same pipe) */
	bool close_stdin;
	int code;
	int64_t ms;
	char out[16384];
	char err[16384];
	size_t out_len, err_len;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void __attribute__((noreturn)) exec_launcher(struct run *r, char *argv[], int out, int err)
{
	setenv("XDG_RUNTIME_DIR", r->xdg ? r->xdg : env.xdg, 1);
	setenv("FAKE_PIDDIR", env.pids, 1);
	if (r->qemu_mode)
		setenv("FAKE_QEMU", r->qemu_mode, 1);
	if (r->vfs_mode)
		setenv("FAKE_VFS", r->vfs_mode, 1);
	dup2(out, STDOUT_FILENO);
	dup2(err, STDERR_FILENO);
	if (r->close_stdin)
		close(STDIN_FILENO);
	else
		dup2(open("/dev/null", O_RDONLY), STDIN_FILENO);
	execv(argv[0], argv);
	_exit(99);
}

static bool drain(int fd, char *buf, size_t size, size_t *len)
{
	ssize_t n = read(fd, buf + *len, size - 1 - *len);

	if (n <= 0)
		return false;
	*len += (size_t)n;
	buf[*len] = '\0';
	return true;
}

static bool signal_due(const struct run *r, int64_t t0)
{
	if (r->signal_after_ms)
		return now_ms() - t0 >= r->signal_after_ms;
	return strstr(r->out, "ready pid=") != NULL;
}

/* Read what the launcher writes (out or err is -1 when nobody reads it) until it exits and
 * its pipes close; *status is its wait status. */
static void collect(struct run *r, pid_t pid, int out, int err, int *status)
{
	struct pollfd p[2] = { { .fd = out, .events = POLLIN }, { .fd = err, .events = POLLIN } };
	int64_t t0 = now_ms();
	bool sent = false, exited = false;

	while (p[0].fd >= 0 || p[1].fd >= 0 || !exited) {
		if (poll(p, 2, 100) < 0 || now_ms() - t0 > RUN_LIMIT_MS) {
			kill(pid, SIGKILL);
			fail_msg("rosetta-launch did not finish within %d ms", RUN_LIMIT_MS);
		}
		if (p[0].revents && !drain(out, r->out, sizeof(r->out), &r->out_len))
			p[0].fd = -1;
		if (p[1].revents && !drain(err, r->err, sizeof(r->err), &r->err_len))
			p[1].fd = -1;
		if (r->signal_on_ready && !sent && signal_due(r, t0)) {
			kill(pid, r->signal_on_ready);
			sent = true;
		}
		if (!exited && waitpid(pid, status, WNOHANG) == pid) {
			exited = true;
			r->ms = now_ms() - t0;
		}
	}
}

/* Run rosetta-launch with the given words as its arguments. */
#define launch(r, ...) run_launcher(r, (const char *const[]){ __VA_ARGS__, NULL })

static void run_launcher(struct run *r, const char *const *words)
{
	char *argv[64];
	int out[2], err[2], argc = 0, status = 0;
	pid_t pid;

	argv[argc++] = env.launcher;
	for (; *words && argc < 63; words++)
		argv[argc++] = (char *)*words;
	argv[argc] = NULL;
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	assert_int_equal(pipe2(err, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		exec_launcher(r, argv, out[1], r->unread_err ? out[1] : err[1]);
	close(out[1]);
	close(err[1]);
	/* an unread pipe stays open, and full, until the launcher is gone */
	collect(r, pid, r->unread_out ? -1 : out[0], r->unread_err ? -1 : err[0], &status);
	close(out[0]);
	close(err[0]);
	assert_true(WIFEXITED(status));
	r->code = WEXITSTATUS(status);
}

/* The text shown is cut: cmocka's message buffer would cut it anywhere, and the TAP line
 * after it must start a line of its own. */
static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("'%.300s' not found in:\n%.600s\n", needle, hay);
}

/* How many stand-ins left a note starting with prefix ("vfsro."). */
static int count_notes(const char *prefix)
{
	struct dirent *d;
	DIR *dp = opendir(env.pids);
	int n = 0;

	assert_non_null(dp);
	while ((d = readdir(dp)))
		n += strncmp(d->d_name, prefix, strlen(prefix)) == 0;
	closedir(dp);
	return n;
}

/* No run directory left, no stand-in still alive; then forget the stand-ins. */
static void assert_clean(void)
{
	struct dirent *d;
	char path[PATH_MAX];
	DIR *dp;
	int pid;

	dp = opendir(env.xdg);
	assert_non_null(dp);
	while ((d = readdir(dp)))
		if (d->d_name[0] != '.')
			fail_msg("left behind: %s/%s", env.xdg, d->d_name);
	closedir(dp);
	dp = opendir(env.pids);
	assert_non_null(dp);
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		pid = atoi(strchr(d->d_name, '.') + 1);
		if (kill(pid, 0) == 0)
			fail_msg("stand-in %s still runs", d->d_name);
		snprintf(path, sizeof(path), "%s/%s", env.pids, d->d_name);
		unlink(path);
	}
	closedir(dp);
}

#define FILES "--kernel", env.kernel, "--initrd", env.initrd, "--rosetta-dir", env.share
#define FAKES "--qemu", env.self, "--virtiofsd", env.self

/* ---- tests: no children ------------------------------------------------------------- */

static void test_version(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, "--version");
	assert_int_equal(r.code, 0);
	assert_string_equal(r.out, "rosetta-launch from rosetta-guest 0.1\n");
}

static void test_help(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, "--help");
	assert_int_equal(r.code, 0);
	assert_contains(r.out, "Usage:");
	assert_contains(r.out, "--rosetta-dir DIR");
	assert_contains(r.out, "--root-image FILE");
	assert_contains(r.out, "--root-ro");
	assert_contains(r.out, "--ephemeral");
	assert_contains(r.out, "--share DIR:TAG[:ro]");
	assert_contains(r.out, "--dry-run");
	assert_string_equal(r.err, "");
}

static void test_usage_error(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, FILES, "--frobnicate");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "rosetta-launch: unrecognized option '--frobnicate'");
	assert_contains(r.err, "Try 'rosetta-launch --help'");
	launch(&r, "--initrd", env.initrd);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "missing required option --kernel");
}

static void test_missing_kernel(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, "--kernel", "/nonexistent/vmlinuz", "--initrd", env.initrd, "--rosetta-dir",
	       env.share, FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err,
			"--kernel /nonexistent/vmlinuz is not a readable file: No such file");
	assert_string_equal(r.out, "");
	launch(&r, FILES, "--root-dir", env.kernel, FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "is not a directory");
	assert_clean();
}

static void test_missing_programs(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, FILES, "--qemu", "/nonexistent/qemu");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "/nonexistent/qemu");
	assert_contains(r.err, "qemu-system-arm");
	assert_contains(r.err, "make deps");
	launch(&r, FILES, "--qemu", env.self, "--virtiofsd", env.kernel);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "qemu-system-arm");
}

static void test_dry_run(void **state)
{
	static const char want[] =
	    "/opt/vfsd --socket-path=/run/test/rosetta-launch.XXXXXX/vfs0.sock "
	    "-o source=/srv/share -o sandbox=chroot\n"
	    "/opt/qemu -M virt -accel tcg -cpu max,pauth-impdef=on -smp 3 -m 512 "
	    "-nographic -no-reboot -nic none -kernel /nonexistent/vmlinuz "
	    "-initrd /nonexistent/initrd "
	    "-append 'console=ttyAMA0 panic=-1 quiet rosetta.emergency=poweroff "
	    "rosetta.entry=\"/bin/echo '\\''a b'\\''\"' "
	    "-object memory-backend-memfd,id=mem,size=512M,share=on -numa node,memdev=mem "
	    "-chardev socket,id=vfs0,path=/run/test/rosetta-launch.XXXXXX/vfs0.sock "
	    "-device vhost-user-fs-pci,chardev=vfs0,tag=rosetta\n";
	struct run r = { .xdg = "/run/test" };

	(void)state;
	/* nothing named needs to exist, and the socket directory is only a template */
	launch(&r, "--dry-run", "--kernel", "/nonexistent/vmlinuz", "--initrd",
	       "/nonexistent/initrd", "--rosetta-dir", "/srv/share", "--qemu", "/opt/qemu",
	       "--virtiofsd", "/opt/vfsd", "--accel", "tcg", "--cpus", "3", "--memory", "512", "--",
	       "/bin/echo", "a b");
	assert_int_equal(r.code, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, want);
	assert_clean();
}

static void test_dry_run_root_dir(void **state)
{
	struct run r = { 0 };
	char *second;

	(void)state;
	launch(&r, "--dry-run", FILES, "--root-dir", env.root, "--tag", "xl", FAKES);
	assert_int_equal(r.code, 0);
	second = strchr(r.out, '\n');
	assert_non_null(second);
	assert_contains(second, "/vfs1.sock -o source=");
	assert_contains(second, "/root -o sandbox=chroot\n");
	assert_contains(r.out, "rosetta.tag=xl rosetta.root=virtiofs:rosetta-root");
	assert_contains(r.out, "tag=rosetta-root\n");
	assert_non_null(strchr(strchr(second + 1, '\n') + 1, '\n'));
}

static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static void test_dry_run_root_image(void **state)
{
	struct run r = { .xdg = "/run/test" };
	char want[512];

	(void)state;
	launch(&r, "--dry-run", FILES, "--root-image", env.qcow2, "--ephemeral", FAKES);
	assert_int_equal(r.code, 0);
	assert_string_equal(r.err, "");
	snprintf(want, sizeof(want),
		 " -numa node,memdev=mem -drive file=%s,format=qcow2,if=none,id=root,snapshot=on "
		 "-device virtio-blk-pci,drive=root -chardev socket,id=vfs0,",
		 env.qcow2);
	assert_contains(r.out, want);
	assert_contains(r.out, "-append 'console=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda "
			       "rosetta.emergency=poweroff'");
	/* one virtiofsd (the translator's) and qemu */
	assert_int_equal(count_lines(r.out), 2);
	/* an image that is not there is shown as a raw one, under its absolute path */
	launch(&r, "--dry-run", FILES, "--root-image", "/nonexistent/x.img", "--root-ro", FAKES);
	assert_int_equal(r.code, 0);
	assert_contains(r.out, " -drive file=/nonexistent/x.img,format=raw,if=none,id=root,"
			       "readonly=on -device virtio-blk-pci,drive=root ");
	assert_contains(r.out, "rosetta.root=/dev/vda rosetta.ro ");
}

static void test_dry_run_shares(void **state)
{
	struct run r = { .xdg = "/run/test" };
	char want[8 * PATH_MAX], data[160], root[160];

	(void)state;
	snprintf(data, sizeof(data), "%s:data:ro", env.data);
	snprintf(root, sizeof(root), "%s:more", env.root);
	launch(&r, "--dry-run", FILES, "--root-dir", env.root, "--ephemeral", "--share", data,
	       "--share", root, FAKES);
	assert_int_equal(r.code, 0);
	snprintf(want, sizeof(want),
		 "%s --socket-path=/run/test/rosetta-launch.XXXXXX/vfs0.sock -o source=%s -o "
		 "sandbox=chroot\n"
		 "%s --socket-path=/run/test/rosetta-launch.XXXXXX/vfs1.sock -o source=%s -o "
		 "sandbox=chroot  # read-only: the source bind-mounted read-only in a mount "
		 "namespace of its own\n"
		 "%s --socket-path=/run/test/rosetta-launch.XXXXXX/vfs2.sock -o source=%s -o "
		 "sandbox=chroot  # read-only: the source bind-mounted read-only in a mount "
		 "namespace of its own\n"
		 "%s --socket-path=/run/test/rosetta-launch.XXXXXX/vfs3.sock -o source=%s -o "
		 "sandbox=chroot\n",
		 env.self, env.share, env.self, env.root, env.self, env.data, env.self, env.root);
	if (strncmp(r.out, want, strlen(want)) != 0)
		fail_msg("want the virtiofsd lines\n%.300s\ngot\n%.300s\n", want, r.out);
	assert_contains(r.out, " -m 2048 ");
	assert_contains(r.out, "rosetta.root=virtiofs:rosetta-root rosetta.overlay=tmpfs ");
	assert_contains(r.out,
			"-device vhost-user-fs-pci,chardev=vfs1,tag=rosetta-root "
			"-chardev socket,id=vfs2,path=/run/test/rosetta-launch.XXXXXX/vfs2.sock "
			"-device vhost-user-fs-pci,chardev=vfs2,tag=data "
			"-chardev socket,id=vfs3,path=/run/test/rosetta-launch.XXXXXX/vfs3.sock "
			"-device vhost-user-fs-pci,chardev=vfs3,tag=more\n");
}

static void test_root_usage_errors(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, FILES, "--root-dir", env.root, "--root-image", env.qcow2, FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "rosetta-launch: --root-dir and --root-image exclude each other");
	launch(&r, FILES, "--ephemeral", FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "--ephemeral needs --root-dir or --root-image");
	launch(&r, FILES, "--share", "/srv:rosetta", FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "--share tag 'rosetta' is taken by the translator share");
	assert_contains(r.err, "Try 'rosetta-launch --help'");
	assert_string_equal(r.out, "");
	assert_clean();
}

static void test_root_preflight_errors(void **state)
{
	struct run r = { 0 };
	char want[256], share[160];

	(void)state;
	launch(&r, FILES, "--root-image", "/nonexistent/debian.ext4", FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "rosetta-launch: --root-image /nonexistent/debian.ext4 is not a "
			       "readable disk image: No such file or directory\n");
	snprintf(share, sizeof(share), "%s:k", env.kernel);
	launch(&r, FILES, "--share", share, FAKES);
	assert_int_equal(r.code, 125);
	snprintf(want, sizeof(want),
		 "rosetta-launch: --share %s is not a directory: Not a directory", env.kernel);
	assert_contains(r.err, want);
	assert_string_equal(r.out, "");
	assert_clean();
}

static void test_entry_refused(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, FILES, FAKES, "--", "/bin/echo", "say \"hi\"");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "entry word 2 contains a double quote");
	assert_clean();
}

/* ---- tests: --backend vfkit --------------------------------------------------------- */

#define VFKIT_FILES "--backend", "vfkit", "--kernel", env.image, "--initrd", env.initrd

static void test_vfkit_dry_run(void **state)
{
	static const char want[] =
	    "/opt/vfkit --cpus 3 --memory 512 --restful-uri none:// --bootloader "
	    "'linux,kernel=/nonexistent/Image,initrd=/nonexistent/initrd,cmdline=\"console=hvc0 "
	    "panic=-1 quiet rosetta.emergency=poweroff rosetta.entry=\"/bin/echo '\\''a "
	    "b'\\''\" \"' --device virtio-serial,stdio --device virtio-rng --device "
	    "rosetta,mountTag=rosetta\n";
	struct run r = { 0 };

	(void)state;
	/* one command: no virtiofsd, whatever the shares */
	launch(&r, "--dry-run", "--backend", "vfkit", "--kernel", "/nonexistent/Image", "--initrd",
	       "/nonexistent/initrd", "--vfkit", "/opt/vfkit", "--cpus", "3", "--memory", "512",
	       "--", "/bin/echo", "a b");
	assert_int_equal(r.code, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, want);
}

static void test_vfkit_dry_run_shares(void **state)
{
	struct run r = { 0 };
	char want[4 * PATH_MAX], data[160];

	(void)state;
	snprintf(data, sizeof(data), "%s:data", env.data);
	launch(&r, "--dry-run", VFKIT_FILES, "--root-dir", env.root, "--ephemeral", "--share", data,
	       "--vfkit", "vfkit-not-in-path");
	assert_int_equal(r.code, 0);
	assert_string_equal(r.err, "");
	assert_int_equal(count_lines(r.out), 1);
	assert_contains(r.out, "vfkit-not-in-path --cpus 2 --memory 2048 ");
	assert_contains(r.out, " rosetta.root=virtiofs:rosetta-root rosetta.overlay=tmpfs ");
	snprintf(want, sizeof(want),
		 " --device rosetta,mountTag=rosetta --device "
		 "virtio-fs,sharedDir=%s,mountTag=rosetta-root --device "
		 "virtio-fs,sharedDir=%s,mountTag=data\n",
		 env.root, env.data);
	assert_contains(r.out, want);
}

static void test_vfkit_refusals(void **state)
{
	struct run r = { 0 };
	char want[PATH_MAX + 64];

	(void)state;
	launch(&r, VFKIT_FILES);
	assert_int_equal(r.code, 125);
	assert_string_equal(r.err, "rosetta-launch: vfkit runs only on macOS hosts; use "
				   "--dry-run to see the command\n");
	launch(&r, "--dry-run", "--backend", "vfkit", "--kernel", env.image_gz, "--initrd",
	       env.initrd);
	assert_int_equal(r.code, 125);
	snprintf(want, sizeof(want),
		 "rosetta-launch: --kernel %s is gzip-compressed: ", env.image_gz);
	assert_contains(r.err, want);
	assert_string_equal(r.out, "");
	launch(&r, "--dry-run", VFKIT_FILES, "--root-image", env.qcow2, "--root-ro");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "is a qcow2 image: vfkit takes raw images only");
	launch(&r, "--dry-run", VFKIT_FILES, "--accel", "tcg");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "rosetta-launch: --accel is for --backend qemu");
	assert_contains(r.err, "Try 'rosetta-launch --help'");
	launch(&r, "--dry-run", VFKIT_FILES, "--", "/bin/echo", "a,b");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "holds a comma inside double quotes");
	assert_clean();
}

/* A --vfkit stand-in on Linux: the run path of the vfkit backend, without virtiofsd. */
static void test_vfkit_stand_in(void **state)
{
	struct run r = { .qemu_mode = "status" }, args = { .qemu_mode = "args" };

	(void)state;
	launch(&r, VFKIT_FILES, "--vfkit", env.self);
	assert_int_equal(r.code, 7);
	assert_contains(r.out, "entry output\r\nrosetta-init: exit status 7\r\n");
	assert_string_equal(r.err, "");
	assert_int_equal(count_notes("qemu."), 1);
	assert_int_equal(count_notes("vfs"), 0);
	assert_clean();
	launch(&args, VFKIT_FILES, "--vfkit", env.self, "--share", "/:all");
	assert_int_equal(args.code, 0);
	assert_contains(args.out,
			"\n--device\nrosetta,mountTag=rosetta\n--device\n"
			"virtio-fs,sharedDir=/,mountTag=all\nrosetta-init: exit status 0\n");
	assert_clean();
}

/* ---- tests: runs with the stand-ins ------------------------------------------------- */

static void test_status_passes_through(void **state)
{
	struct run r = { .qemu_mode = "status" };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 7);
	assert_string_equal(r.out,
			    "[    0.1] booting\r\nentry output\r\n"
			    "rosetta-init: exit status 7\r\n[    0.2] reboot: Power down\r\n");
	assert_string_equal(r.err, "");
	assert_clean();
}

static void test_two_shares_and_entry(void **state)
{
	struct run r = { .qemu_mode = "args" };

	(void)state;
	launch(&r, FILES, FAKES, "--root-dir", env.root, "--verbose", "--", "/bin/sh", "-c",
	       "uname -m");
	assert_int_equal(r.code, 0);
	assert_contains(r.out,
			"\nconsole=ttyAMA0 panic=-1 rosetta.root=virtiofs:rosetta-root "
			"rosetta.emergency=poweroff rosetta.entry=\"/bin/sh -c 'uname -m'\"\n");
	assert_contains(r.out, "vhost-user-fs-pci,chardev=vfs1,tag=rosetta-root\n");
	/* --verbose shows the commands, virtiofsd first */
	assert_contains(r.err, "+ ");
	assert_contains(r.err, "--socket-path=");
	assert_clean();
}

/* The disk reaches qemu as planned, and the read-only share reaches virtiofsd read-only:
 * the stand-in notes it, the others do not, and the host's directory stays writable. */
static void test_root_image_and_readonly_share(void **state)
{
	struct run r = { .qemu_mode = "args" };
	char want[256], data[160], rw[160], probe[192];
	struct statvfs st;
	int fd;

	(void)state;
	if (geteuid() != 0)
		fail_msg("needs root: a read-only share runs virtiofsd in a mount namespace");
	snprintf(data, sizeof(data), "%s:data:ro", env.data);
	snprintf(rw, sizeof(rw), "%s:rw", env.root);
	launch(&r, FILES, FAKES, "--root-image", env.qcow2, "--root-ro", "--share", data, "--share",
	       rw);
	assert_int_equal(r.code, 0);
	assert_string_equal(r.err, "");
	snprintf(want, sizeof(want),
		 "\n-drive\nfile=%s,format=qcow2,if=none,id=root,readonly=on\n"
		 "-device\nvirtio-blk-pci,drive=root\n",
		 env.qcow2);
	assert_contains(r.out, want);
	assert_contains(r.out, "\nconsole=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda rosetta.ro "
			       "rosetta.emergency=poweroff\n");
	assert_contains(r.out, "vhost-user-fs-pci,chardev=vfs1,tag=data\n");
	assert_int_equal(count_notes("vfs."), 3);
	assert_int_equal(count_notes("vfsro."), 1);
	/* the read-only bind mount stayed in the stand-in's namespace */
	assert_int_equal(statvfs(env.data, &st), 0);
	assert_false(st.f_flag & ST_RDONLY);
	snprintf(probe, sizeof(probe), "%s/probe", env.data);
	fd = open(probe, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	unlink(probe);
	assert_clean();
}

static void test_panic_without_status(void **state)
{
	struct run r = { .qemu_mode = "panic" };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 126);
	assert_string_equal(r.err, "rosetta-launch: the guest ended without reporting an exit "
				   "status (kernel panic seen on the console)\n");
	assert_clean();
}

static void test_silent_guest(void **state)
{
	struct run r = { .qemu_mode = "quiet" };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 126);
	assert_string_equal(r.err,
			    "rosetta-launch: the guest ended without reporting an exit status\n");
	assert_clean();
}

static void test_qemu_failure(void **state)
{
	struct run r = { .qemu_mode = "fail" };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "exited with status 1");
	assert_clean();
}

static void test_virtiofsd_failure(void **state)
{
	struct run r = { .qemu_mode = "status", .vfs_mode = "fail" };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "virtiofsd for tag 'rosetta'");
	assert_contains(r.err, "exited with status 1 before it listened");
	assert_contains(r.err, "  fake virtiofsd: cannot share\n");
	assert_string_equal(r.out, "");
	assert_clean();
}

static void test_timeout(void **state)
{
	struct run r = { .qemu_mode = "hang" };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "1");
	assert_int_equal(r.code, 124);
	assert_contains(r.out, "ready pid=");
	assert_contains(r.err, "--timeout 1 s");
	assert_true(r.ms >= 1000 && r.ms < 4000);
	assert_clean();
}

static void test_timeout_then_sigkill(void **state)
{
	struct run r = { .qemu_mode = "stubborn" };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "1");
	assert_int_equal(r.code, 124);
	assert_true(r.ms >= 6000);
	assert_clean();
}

static void test_sigterm_to_launcher(void **state)
{
	struct run r = { .qemu_mode = "hang", .signal_on_ready = SIGTERM };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 128 + SIGTERM);
	assert_contains(r.err, "stopped by SIGTERM");
	assert_clean();
}

static void test_sighup_to_launcher(void **state)
{
	struct run r = { .qemu_mode = "hang", .signal_on_ready = SIGHUP };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 128 + SIGHUP);
	assert_clean();
}

static void test_closed_stdin(void **state)
{
	struct run r = { .qemu_mode = "status", .close_stdin = true };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 7);
	assert_string_equal(r.err, "");
	assert_clean();
}

static void test_cmdline_unbalanced_quote(void **state)
{
	struct run r = { 0 };

	(void)state;
	launch(&r, "--dry-run", FILES, FAKES, "--cmdline", "quiet rosetta.debug=\"", "--",
	       "/bin/true");
	assert_int_equal(r.code, 125);
	assert_contains(r.err, "rosetta.debug=\"");
	assert_contains(r.err, "Try 'rosetta-launch --help'");
	assert_string_equal(r.out, "");
	assert_clean();
}

/* ---- tests: a virtiofsd that goes away while the guest runs ------------------------- */

static void test_virtiofsd_killed_during_run(void **state)
{
	struct run r = { .qemu_mode = "hang", .vfs_mode = "die" };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "10");
	assert_int_equal(r.code, 125);
	assert_string_equal(r.err, "rosetta-launch: virtiofsd for tag 'rosetta' killed by signal "
				   "9 (Killed) while the guest was running\n");
	assert_true(r.ms < 3000);
	assert_clean();
}

static void test_virtiofsd_exits_during_run(void **state)
{
	struct run r = { .qemu_mode = "hang", .vfs_mode = "exit" };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "10");
	assert_int_equal(r.code, 125);
	assert_string_equal(r.err, "rosetta-launch: virtiofsd for tag 'rosetta' exited with status "
				   "3 while the guest was running\n"
				   "  fake virtiofsd: lost the guest\n");
	assert_true(r.ms < 3000);
	assert_clean();
}

/* Its normal end is the guest going away: an exit 0 that qemu does not follow within 2 s
 * is a loss too. */
static void test_virtiofsd_quits_during_run(void **state)
{
	struct run r = { .qemu_mode = "hang", .vfs_mode = "quit" };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "10");
	assert_int_equal(r.code, 125);
	assert_string_equal(r.err, "rosetta-launch: virtiofsd for tag 'rosetta' exited with status "
				   "0 while the guest was running\n");
	assert_true(r.ms >= 2000 && r.ms < 5000);
	assert_clean();
}

static void test_root_virtiofsd_killed_during_run(void **state)
{
	struct run r = { .qemu_mode = "hang", .vfs_mode = "die-root" };

	(void)state;
	launch(&r, FILES, FAKES, "--root-dir", env.root, "--timeout", "10");
	assert_int_equal(r.code, 125);
	assert_string_equal(r.err, "rosetta-launch: virtiofsd for tag 'rosetta-root' killed by "
				   "signal 9 (Killed) while the guest was running\n");
	assert_true(r.ms < 3000);
	assert_clean();
}

/* After the status line the guest is powering off: its status stands, and a guest that
 * could not finish without its file server is stopped at once. */
static void test_virtiofsd_killed_after_status(void **state)
{
	struct run r = { .qemu_mode = "status-hang", .vfs_mode = "die" };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "10");
	assert_int_equal(r.code, 7);
	assert_string_equal(r.err, "");
	assert_true(r.ms < 3000);
	assert_clean();
}

/* ---- tests: a standard output nobody reads ------------------------------------------ */

static void test_unread_stdout_sigterm(void **state)
{
	struct run r = { .qemu_mode = "flood",
			 .unread_out = true,
			 .signal_on_ready = SIGTERM,
			 .signal_after_ms = 1500 };

	(void)state;
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 128 + SIGTERM);
	assert_contains(r.err, "stopped by SIGTERM");
	assert_true(r.ms < 1500 + 2000);
	assert_clean();
}

static void test_unread_stdout_timeout(void **state)
{
	struct run r = { .qemu_mode = "flood", .unread_out = true };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "1");
	assert_int_equal(r.code, 124);
	assert_contains(r.err, "the guest ran past --timeout 1 s; stopping it (its console "
			       "output was waiting for the standard output to be read)\n");
	assert_true(r.ms < 1000 + 5000);
	assert_clean();
}

/* The guest ends while its last output waits for the reader, who gets it until --timeout
 * ends the launch: the status line among what it never took still counts. */
static void test_unread_stdout_status(void **state)
{
	struct run r = { .qemu_mode = "flood-status", .unread_out = true };

	(void)state;
	launch(&r, FILES, FAKES, "--timeout", "2");
	assert_int_equal(r.code, 7);
	assert_contains(r.err, " bytes of console output were not written: the standard output "
			       "did not take them within --timeout 2 s\n");
	assert_true(r.ms >= 2000 && r.ms < 5000);
	assert_clean();
}

/* Its own messages cannot block it either. */
static void test_unread_stdout_and_stderr(void **state)
{
	struct run t = { .qemu_mode = "flood", .unread_out = true, .unread_err = true };
	struct run r = { .qemu_mode = "flood",
			 .unread_out = true,
			 .unread_err = true,
			 .signal_on_ready = SIGTERM,
			 .signal_after_ms = 1500 };

	(void)state;
	launch(&t, FILES, FAKES, "--timeout", "1");
	assert_int_equal(t.code, 124);
	assert_true(t.ms < 1000 + 6000);
	launch(&r, FILES, FAKES);
	assert_int_equal(r.code, 128 + SIGTERM);
	assert_true(r.ms < 1500 + 4000);
	assert_clean();
}

/* ---- setup and dispatch ------------------------------------------------------------- */

/* name in the scratch directory, a directory or a file of len bytes of data, as *path.
 * Returns 0 or -1. */
static int make_path(const char **path, const char *name, bool dir, const char *data, size_t len)
{
	*path = scratch_path(&env.scratch, name);
	if (dir)
		return mkdir(*path, 0700);
	return scratch_write(&env.scratch, name, data, len, 0600) < 0 ? -1 : 0;
}

static int group_setup(void **state)
{
	/* the header of an arm64 Image: its magic at offset 56 */
	static const char image[64] = { [56] = 'A', 'R', 'M', 0x64 };
	char dir[PATH_MAX];
	ssize_t n;

	(void)state;
	n = readlink("/proc/self/exe", env.self, sizeof(env.self) - 1);
	if (n <= 0)
		return -1;
	env.self[n] = '\0';
	snprintf(dir, sizeof(dir), "%s", env.self);
	snprintf(env.launcher, sizeof(env.launcher), "%s/../host/rosetta-launch", dirname(dir));
	if (access(env.launcher, X_OK) != 0) {
		fprintf(stderr,
			"# cannot run %s: build it first (make build/host/rosetta-launch)\n",
			env.launcher);
		return -1;
	}
	if (scratch_make(&env.scratch) < 0)
		return -1;
	return make_path(&env.kernel, "vmlinuz", false, "", 0) |
	       make_path(&env.initrd, "initrd", false, "", 0) |
	       make_path(&env.share, "share", true, NULL, 0) |
	       make_path(&env.root, "root", true, NULL, 0) |
	       make_path(&env.data, "data", true, NULL, 0) |
	       /* enough of a qcow2 header for the launcher to tell it from a raw image */
	       make_path(&env.qcow2, "disk.qcow2", false, "QFI\xfb\0\0\0\3", 8) |
	       make_path(&env.image, "Image", false, image, sizeof(image)) |
	       make_path(&env.image_gz, "Image.gz", false, "\x1f\x8b\x08\0", 4) |
	       make_path(&env.xdg, "xdg", true, NULL, 0) |
	       make_path(&env.pids, "pids", true, NULL, 0);
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(&env.scratch) < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_usage_error),
		cmocka_unit_test(test_missing_kernel),
		cmocka_unit_test(test_missing_programs),
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_dry_run_root_dir),
		cmocka_unit_test(test_dry_run_root_image),
		cmocka_unit_test(test_dry_run_shares),
		cmocka_unit_test(test_root_usage_errors),
		cmocka_unit_test(test_root_preflight_errors),
		cmocka_unit_test(test_entry_refused),
		cmocka_unit_test(test_vfkit_dry_run),
		cmocka_unit_test(test_vfkit_dry_run_shares),
		cmocka_unit_test(test_vfkit_refusals),
		cmocka_unit_test(test_vfkit_stand_in),
		cmocka_unit_test(test_status_passes_through),
		cmocka_unit_test(test_two_shares_and_entry),
		cmocka_unit_test(test_root_image_and_readonly_share),
		cmocka_unit_test(test_panic_without_status),
		cmocka_unit_test(test_silent_guest),
		cmocka_unit_test(test_qemu_failure),
		cmocka_unit_test(test_virtiofsd_failure),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_timeout_then_sigkill),
		cmocka_unit_test(test_sigterm_to_launcher),
		cmocka_unit_test(test_sighup_to_launcher),
		cmocka_unit_test(test_closed_stdin),
		cmocka_unit_test(test_cmdline_unbalanced_quote),
		cmocka_unit_test(test_virtiofsd_killed_during_run),
		cmocka_unit_test(test_virtiofsd_exits_during_run),
		cmocka_unit_test(test_virtiofsd_quits_during_run),
		cmocka_unit_test(test_root_virtiofsd_killed_during_run),
		cmocka_unit_test(test_virtiofsd_killed_after_status),
		cmocka_unit_test(test_unread_stdout_sigterm),
		cmocka_unit_test(test_unread_stdout_timeout),
		cmocka_unit_test(test_unread_stdout_status),
		cmocka_unit_test(test_unread_stdout_and_stderr),
	};
	int i;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--socket-path=", 14) == 0)
			return fake_virtiofsd(argv[i] + 14, argc, argv);
		/* vfkit's stand-in is qemu's: its argv has no -chardev to connect */
		if (strcmp(argv[i], "-M") == 0 || strcmp(argv[i], "--bootloader") == 0)
			return fake_qemu(argc, argv);
	}
	return cmocka_run_group_tests_name("launch_cli", tests, group_setup, group_teardown);
}
