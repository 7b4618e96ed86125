/*
 * rosetta-launch: boot the rosetta guest in qemu with one virtiofsd per share, copy its
 * console through, and exit with the status its init reports. This file owns the event
 * loop and is the only one that prints.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argv.h"
#include "console.h"
#include "host.h"
#include "options.h"
#include "plan.h"
#include "preflight.h"
#include "process.h"
#include "rundir.h"
#include "tty.h"
#include "unixsock.h"

#define EXIT_TIMEOUT   124
#define EXIT_LAUNCHER  125
#define EXIT_NOSTATUS  126
#define SOCKET_WAIT_MS 10000
#define SOCKET_POLL_MS 20
#define QEMU_GRACE_MS  5000
#define VFS_GRACE_MS   2000
#define PROC_NET_UNIX  "/proc/net/unix"
#define RO_NOTE	       "read-only: the source bind-mounted read-only in a mount namespace of its own"

static const char prog[] = "rosetta-launch";

struct child {
	pid_t pid;
	bool running;
	bool stopped; /* we sent it SIGTERM: its status says nothing about its health */
	int status;
};

struct session {
	const struct launch_config *cfg;
	struct launch_plan *plan;
	char rundir[PATH_MAX]; /* empty until created */
	int sigfd;
	int console; /* read end of qemu's stdout, -1 once closed */
	struct child qemu;
	struct child vfs[LAUNCH_MAX_SHARES];
	struct console_scan scan;
	bool out_broken;   /* our stdout failed: keep scanning, stop copying */
	int64_t expire_at; /* --timeout deadline, -1 for none */
	int64_t kill_at;   /* when SIGTERM to qemu turns into SIGKILL, -1 for none */
	bool timed_out;
	bool failed;
	int signo;	       /* the signal that asked us to stop, 0 for none */
	struct launch_tty tty; /* stdin as it was before qemu started */
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void __attribute__((noreturn)) usage(void)
{
	FILE *out = stdout;

	fputs("\nUsage:\n", out);
	fprintf(
	    out,
	    " %s [options] --kernel FILE --initrd FILE --rosetta-dir DIR [--] [ENTRY [ARG...]]\n",
	    prog);
	fputs("\nBoot the rosetta guest in qemu and exit with the status of its entry program.\n",
	      out);
	fputs("\nOptions:\n", out);
	fputs("     --kernel FILE       guest kernel image\n", out);
	fputs("     --initrd FILE       initramfs whose /init is rosetta-init\n", out);
	fputs("     --rosetta-dir DIR   directory holding the translator (share 'rosetta')\n", out);
	fputs("     --root-dir DIR      x86-64 root tree to share as 'rosetta-root'\n", out);
	fputs("     --root-image FILE   x86-64 root file system image (raw or qcow2), /dev/vda\n",
	      out);
	fputs("     --root-ro           the guest mounts the root read-only\n", out);
	fputs("     --ephemeral         the root's writes are thrown away at power-off\n", out);
	fputs("     --share DIR:TAG[:ro]  one more virtiofs share (up to 8)\n", out);
	fputs("     --cmdline STR       more kernel command line text\n", out);
	fputs("     --memory MIB        guest memory in MiB (default 1024; 2048 with\n"
	      "                         --root-dir --ephemeral)\n",
	      out);
	fputs("     --cpus N            virtual CPUs (default 2)\n", out);
	fputs("     --accel MODE        auto, kvm or tcg (default auto)\n", out);
	fputs("     --timeout SECS      stop the guest after SECS seconds (default 0: never)\n",
	      out);
	fputs("     --qemu PATH         qemu-system-aarch64 to run\n", out);
	fputs("     --virtiofsd PATH    virtiofsd to run (default " LAUNCH_VIRTIOFSD_DEFAULT ")\n",
	      out);
	fputs("     --tag TAG           virtiofs tag of the translator share (default rosetta)\n",
	      out);
	fputs("     --verbose           show kernel messages and the commands run\n", out);
	fputs("     --dry-run           print the commands instead of running them\n", out);
	fputs("\n -h, --help              display this help\n", out);
	fputs(" -V, --version           display version\n", out);
	fputs("\nExit status is the entry's; 124 timeout, 125 launcher failure,\n"
	      "126 the guest reported no status, 128+N stopped by signal N.\n",
	      out);
	fprintf(out, "\nFor more details see %s(1).\n", prog);
	exit(fflush(out) == 0 && !ferror(out) ? EXIT_SUCCESS : EXIT_LAUNCHER);
}

/* A closed stdin/stdout/stderr would be taken by the next open() and confuse the children. */
static int ensure_stdio(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return -1;
	return 0;
}

/* A read-only share's line says so in a comment: the read-only bind mount is no word of it. */
static int show(FILE *f, const char *prefix, const struct launch_argv *a, bool ro)
{
	char *line;

	if (launch_shell_join(a->v, a->n, &line) < 0)
		return -ENOMEM;
	fprintf(f, "%s%s%s\n", prefix, line, ro ? "  # " RO_NOTE : "");
	free(line);
	return 0;
}

static int dry_run(const struct launch_config *cfg, struct launch_plan *plan)
{
	const char *base = launch_runtime_base(getenv("XDG_RUNTIME_DIR"));
	struct launch_error err;
	struct launch_argv a;
	char dir[PATH_MAX];
	size_t i;
	int r;

	snprintf(dir, sizeof(dir), "%s/%s", base, LAUNCH_RUNDIR_NAME);
	r = launch_plan_sockets(plan, dir, &err);
	if (r < 0) {
		say("%s", err.msg);
		return EXIT_LAUNCHER;
	}
	for (i = 0; i <= plan->nshares && r == 0; i++) {
		bool ro = i < plan->nshares && plan->share[i].ro;

		launch_argv_init(&a);
		if (i < plan->nshares)
			r = launch_virtiofsd_argv(&a, plan->virtiofsd, &plan->share[i]);
		else
			r = launch_qemu_argv(&a, cfg, plan);
		if (r == 0)
			r = show(stdout, "", &a, ro);
		launch_argv_free(&a);
	}
	if (r == 0 && fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_SUCCESS;
	say("cannot write the commands: %s", strerror(r < 0 ? -r : errno));
	return EXIT_LAUNCHER;
}

static void terminate_qemu(struct session *s)
{
	if (!s->qemu.running)
		return;
	kill(s->qemu.pid, SIGTERM);
	s->kill_at = launch_now_ms() + QEMU_GRACE_MS;
}

static void stop_requested(struct session *s, int sig)
{
	if (s->signo) {
		/* Asked again: no more grace. */
		if (s->qemu.running)
			kill(s->qemu.pid, SIGKILL);
		return;
	}
	s->signo = sig;
	terminate_qemu(s);
}

static bool reap_child(struct child *c)
{
	int r;

	if (!c->running)
		return false;
	r = launch_try_reap(c->pid, &c->status);
	if (r == 0)
		return false;
	if (r < 0)
		c->status = 0; /* already gone, by someone else's hand */
	c->running = false;
	return true;
}

static void reap(struct session *s)
{
	size_t i;

	reap_child(&s->qemu);
	for (i = 0; i < s->plan->nshares; i++)
		reap_child(&s->vfs[i]);
}

static void handle_signals(struct session *s)
{
	struct signalfd_siginfo si;

	while (read(s->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			reap(s);
		else
			stop_requested(s, (int)si.ssi_signo);
	}
}

static void wait_events(struct session *s, int timeout_ms)
{
	struct pollfd p = { .fd = s->sigfd, .events = POLLIN };

	if (poll(&p, 1, timeout_ms) > 0)
		handle_signals(s);
}

static int setup_signals(struct session *s)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	s->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->sigfd < 0)
		return -errno;
	/* A reader of our stdout going away must not kill us before we clean up. */
	sigaction(SIGPIPE, &ign, NULL);
	return 0;
}

static void print_log_tail(const struct launch_share *sh)
{
	char tail[1024];
	char *line, *save = NULL;

	if (launch_read_tail(sh->log, tail, sizeof(tail)) < 0 || !tail[0])
		return;
	for (line = strtok_r(tail, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "  %s\n", line);
}

static int virtiofsd_failed(struct session *s, size_t i, const char *what)
{
	const struct launch_share *sh = &s->plan->share[i];

	say("virtiofsd for tag '%s' (%s) %s", sh->tag, sh->dir, what);
	print_log_tail(sh);
	if (geteuid() != 0)
		say("virtiofsd needs root for -o sandbox=chroot: run %s as root", prog);
	return EXIT_LAUNCHER;
}

/* 0 once every share's socket listens; otherwise the exit code of the failure. */
static int wait_sockets(struct session *s)
{
	int64_t deadline = launch_now_ms() + SOCKET_WAIT_MS;
	char how[64], what[96];
	size_t i;

	for (;;) {
		for (i = 0; i < s->plan->nshares; i++) {
			if (s->vfs[i].running)
				continue;
			launch_describe_status(s->vfs[i].status, how, sizeof(how));
			snprintf(what, sizeof(what), "%s before it listened", how);
			return virtiofsd_failed(s, i, what);
		}
		for (i = 0; i < s->plan->nshares; i++)
			if (launch_socket_listening(s->plan->share[i].socket, PROC_NET_UNIX) != 1)
				break;
		if (i == s->plan->nshares)
			return 0;
		if (s->signo)
			return 128 + s->signo;
		if (launch_now_ms() >= deadline)
			return virtiofsd_failed(s, i, "did not listen on its socket within 10 s");
		wait_events(s, SOCKET_POLL_MS);
	}
}

/* virtiofsd reads nothing and writes its messages to a log we can quote if it fails. */
static int open_child_io(const char *log, int *in, int *out)
{
	int e;

	*in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (*in < 0)
		return -errno;
	*out = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (*out >= 0)
		return 0;
	e = errno;
	close(*in);
	return -e;
}

static int start_virtiofsd(struct session *s, size_t i)
{
	const struct launch_share *sh = &s->plan->share[i];
	struct launch_spawn sp = { .own_pgrp = true, .ro_dir = sh->ro ? sh->dir : NULL };
	struct launch_argv a;
	int r;

	launch_argv_init(&a);
	r = launch_virtiofsd_argv(&a, s->plan->virtiofsd, sh);
	if (r == 0)
		r = open_child_io(sh->log, &sp.in, &sp.out);
	if (r < 0) {
		launch_argv_free(&a);
		say("cannot prepare virtiofsd for %s: %s", sh->dir, strerror(-r));
		return EXIT_LAUNCHER;
	}
	if (s->cfg->verbose)
		show(stderr, "+ ", &a, sh->ro);
	sp.argv = a.v;
	sp.err = sp.out;
	r = launch_spawn(&sp, &s->vfs[i].pid);
	close(sp.in);
	close(sp.out);
	launch_argv_free(&a);
	if (r < 0 && sh->ro) {
		say("cannot start %s with a read-only view of %s: %s%s", s->plan->virtiofsd,
		    sh->dir, strerror(-r),
		    r == -EPERM ? " (a mount namespace of its own needs root)" : "");
		return EXIT_LAUNCHER;
	}
	if (r < 0) {
		say("cannot start %s: %s", s->plan->virtiofsd, strerror(-r));
		return EXIT_LAUNCHER;
	}
	s->vfs[i].running = true;
	return 0;
}

static int start_qemu(struct session *s)
{
	struct launch_spawn sp = { .in = -1, .err = -1 };
	struct launch_argv a;
	int fds[2] = { -1, -1 }, r;

	launch_argv_init(&a);
	r = launch_qemu_argv(&a, s->cfg, s->plan);
	if (r == 0 && pipe2(fds, O_CLOEXEC) < 0)
		r = -errno;
	if (r < 0) {
		launch_argv_free(&a);
		say("cannot prepare qemu: %s", strerror(-r));
		return EXIT_LAUNCHER;
	}
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	if (s->cfg->verbose)
		show(stderr, "+ ", &a, false);
	launch_tty_save(&s->tty, STDIN_FILENO);
	sp.argv = a.v;
	sp.out = fds[1];
	r = launch_spawn(&sp, &s->qemu.pid);
	close(fds[1]);
	launch_argv_free(&a);
	if (r < 0) {
		close(fds[0]);
		say("cannot start %s: %s", s->plan->qemu, strerror(-r));
		return EXIT_LAUNCHER;
	}
	s->qemu.running = true;
	s->console = fds[0];
	return 0;
}

/* 0 once qemu runs; otherwise the exit code of the failure. */
static int start(struct session *s)
{
	const char *base = launch_runtime_base(getenv("XDG_RUNTIME_DIR"));
	struct launch_error err;
	size_t i;
	int r;

	r = launch_rundir_create(base, s->rundir, sizeof(s->rundir));
	if (r < 0) {
		s->rundir[0] = '\0';
		say("cannot create a private directory in %s: %s", base, strerror(-r));
		return EXIT_LAUNCHER;
	}
	if (launch_plan_sockets(s->plan, s->rundir, &err) < 0) {
		say("%s", err.msg);
		return EXIT_LAUNCHER;
	}
	for (i = 0; i < s->plan->nshares; i++)
		if ((r = start_virtiofsd(s, i)) != 0)
			return r;
	r = wait_sockets(s);
	if (r == 0)
		r = start_qemu(s);
	if (r == 0 && s->cfg->timeout_s)
		s->expire_at = launch_now_ms() + (int64_t)s->cfg->timeout_s * 1000;
	return r;
}

static void copy_out(struct session *s, const char *buf, size_t n)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };

	while (n && !s->out_broken) {
		ssize_t w = write(STDOUT_FILENO, buf, n);

		if (w > 0) {
			buf += w;
			n -= (size_t)w;
		} else if (w < 0 && errno == EAGAIN) {
			poll(&p, 1, -1);
		} else if (!(w < 0 && errno == EINTR)) {
			s->out_broken = true;
		}
	}
}

/* Read what the console has; > 0 when something was read. */
static ssize_t pump_console(struct session *s)
{
	char buf[4096];
	ssize_t n = read(s->console, buf, sizeof(buf));

	if (n > 0) {
		copy_out(s, buf, (size_t)n);
		console_scan_feed(&s->scan, buf, (size_t)n);
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		close(s->console);
		s->console = -1;
	}
	return n;
}

static int next_timeout(const struct session *s)
{
	int64_t now = launch_now_ms(), t = s->expire_at;

	if (s->kill_at >= 0 && (t < 0 || s->kill_at < t))
		t = s->kill_at;
	if (t < 0)
		return -1;
	if (t <= now)
		return 0;
	return t - now > INT_MAX ? INT_MAX : (int)(t - now);
}

static void check_deadlines(struct session *s)
{
	int64_t now = launch_now_ms();

	if (s->expire_at >= 0 && now >= s->expire_at) {
		s->expire_at = -1;
		s->timed_out = true;
		say("the guest ran past --timeout %u s; stopping it", s->cfg->timeout_s);
		terminate_qemu(s);
	}
	if (s->kill_at >= 0 && now >= s->kill_at) {
		s->kill_at = -1;
		if (s->qemu.running)
			kill(s->qemu.pid, SIGKILL);
	}
}

static void give_up(struct session *s, int err)
{
	say("poll: %s", strerror(err));
	s->failed = true;
	kill(s->qemu.pid, SIGKILL);
	while (waitpid(s->qemu.pid, &s->qemu.status, 0) < 0 && errno == EINTR)
		;
	s->qemu.running = false;
}

static void event_loop(struct session *s)
{
	struct pollfd p[2];
	nfds_t n;

	while (s->qemu.running) {
		p[0] = (struct pollfd){ .fd = s->sigfd, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = s->console, .events = POLLIN };
		n = s->console >= 0 ? 2 : 1;
		if (poll(p, n, next_timeout(s)) < 0 && errno != EINTR) {
			give_up(s, errno);
			break;
		}
		if (n == 2 && p[1].revents)
			pump_console(s);
		if (p[0].revents)
			handle_signals(s);
		check_deadlines(s);
	}
	/* qemu is gone: what it wrote is all in the pipe now. */
	while (s->console >= 0 && pump_console(s) > 0)
		;
	console_scan_finish(&s->scan);
}

static void stop_child(struct session *s, struct child *c, int grace_ms)
{
	if (!c->running)
		return;
	launch_stop(s->sigfd, c->pid, grace_ms, &c->status);
	c->running = false;
	c->stopped = true;
}

static void stop_all(struct session *s)
{
	size_t i;

	stop_child(s, &s->qemu, QEMU_GRACE_MS);
	/* a killed qemu could not restore the terminal it made raw */
	if (s->qemu.pid > 0 && WIFSIGNALED(s->qemu.status))
		launch_tty_restore(&s->tty, STDIN_FILENO);
	for (i = 0; i < LAUNCH_MAX_SHARES; i++)
		stop_child(s, &s->vfs[i], VFS_GRACE_MS);
	if (s->console >= 0)
		close(s->console);
	if (s->sigfd >= 0)
		close(s->sigfd);
}

static void remove_rundir(const struct session *s)
{
	int r;

	if (s->rundir[0] && (r = launch_rundir_remove(s->rundir)) < 0)
		say("cannot remove %s: %s", s->rundir, strerror(-r));
}

/* A virtiofsd that failed on its own during the run may be why the guest did. */
static void report_virtiofsd(const struct session *s)
{
	char how[64];
	size_t i;

	for (i = 0; i < s->plan->nshares; i++) {
		const struct child *c = &s->vfs[i];

		if (c->stopped || (WIFEXITED(c->status) && WEXITSTATUS(c->status) == 0))
			continue;
		launch_describe_status(c->status, how, sizeof(how));
		say("virtiofsd for tag '%s' %s during the run", s->plan->share[i].tag, how);
		print_log_tail(&s->plan->share[i]);
	}
}

static bool qemu_failed(const struct session *s)
{
	char how[64];

	if (WIFEXITED(s->qemu.status) && WEXITSTATUS(s->qemu.status) == 0)
		return false;
	launch_describe_status(s->qemu.status, how, sizeof(how));
	say("%s %s", s->plan->qemu, how);
	return true;
}

/* The exit code of a launch whose qemu ran, with its message. */
static int outcome(const struct session *s)
{
	if (s->failed)
		return EXIT_LAUNCHER;
	if (s->signo) {
		say("stopped by SIG%s", sigabbrev_np(s->signo));
		return 128 + s->signo;
	}
	if (s->scan.status >= 0)
		return s->scan.status;
	if (s->timed_out)
		return EXIT_TIMEOUT;
	report_virtiofsd(s);
	if (qemu_failed(s))
		return EXIT_LAUNCHER;
	say("the guest ended without reporting an exit status%s",
	    s->scan.panic ? " (kernel panic seen on the console)" : "");
	return EXIT_NOSTATUS;
}

static int run(const struct launch_config *cfg, struct launch_plan *plan)
{
	struct session s = { .cfg = cfg, .plan = plan, .sigfd = -1, .console = -1 };
	int code;

	s.expire_at = -1;
	s.kill_at = -1;
	s.tty.flags = -1;
	console_scan_init(&s.scan);
	code = setup_signals(&s);
	if (code < 0) {
		say("cannot set up signal handling: %s", strerror(-code));
		code = EXIT_LAUNCHER;
	} else {
		code = start(&s);
	}
	if (code == 0)
		event_loop(&s);
	stop_all(&s);
	if (code == 0)
		code = outcome(&s);
	else if (s.signo && code == 128 + s.signo)
		say("stopped by SIG%s", sigabbrev_np(s.signo));
	remove_rundir(&s);
	return code;
}

int main(int argc, char *argv[])
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_error err;
	int r;

	if (ensure_stdio() < 0)
		return EXIT_LAUNCHER;
	r = launch_parse_options(argc, argv, &cfg, &err);
	if (r < 0) {
		say("%s", err.msg);
		fprintf(stderr, "Try '%s --help' for more information.\n", prog);
		return EXIT_LAUNCHER;
	}
	cfg.interactive = isatty(STDIN_FILENO);
	if (r == LAUNCH_HELP)
		usage();
	if (r == LAUNCH_VERSION_INFO) {
		printf("%s %s\n", prog, LAUNCH_VERSION);
		return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_LAUNCHER;
	}
	if (launch_preflight(&cfg, getenv("PATH"), &plan, &err) < 0) {
		say("%s", err.msg);
		return EXIT_LAUNCHER;
	}
	if (cfg.dry_run)
		return dry_run(&cfg, &plan);
	return run(&cfg, &plan);
}
