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
#include "children.h"
#include "lib/wait_status.h"
#include "host.h"
#include "options.h"
#include "outbuf.h"
#include "plan.h"
#include "preflight.h"
#include "process.h"
#include "relay.h"
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
/* A virtiofsd that exits 0 ends normally when qemu follows it within this. */
#define VFS_QUIET_MS 2000
/* How long one message waits for room on the standard error. */
#define NOTE_WAIT_MS  1000
#define PROC_NET_UNIX "/proc/net/unix"
#define RO_NOTE	      "read-only: the source bind-mounted read-only in a mount namespace of its own"

static const char prog[] = "rosetta-launch";

struct session {
	const struct launch_config *cfg;
	struct launch_plan *plan;
	char rundir[PATH_MAX]; /* empty until created */
	int sigfd;
	struct launch_children kids;
	struct launch_relay relay; /* qemu's console to our stdout; in is -1 until qemu runs */
	int64_t expire_at;	   /* --timeout deadline, -1 for none or once past */
	int64_t end_at;		   /* the same, kept: it bounds the output's drain too */
	int64_t kill_at;	   /* when SIGTERM to qemu turns into SIGKILL, -1 for none */
	bool timed_out;
	bool failed;
	int lost;	       /* the virtiofsd whose loss stopped the guest, -1 for none */
	int signo;	       /* the signal that asked us to stop, 0 for none */
	struct launch_tty tty; /* stdin as it was before qemu started */
};

/* Messages go out whatever the reader of the standard error does: one waits for room a
 * bounded time, and is dropped after it. */
static void note(const char *text, size_t n)
{
	launch_write_within(STDERR_FILENO, text, n, NOTE_WAIT_MS);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	char line[1024];
	size_t n = (size_t)snprintf(line, sizeof(line), "%s: ", prog);
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (r > 0)
		n += (size_t)r < sizeof(line) - n - 1 ? (size_t)r : sizeof(line) - n - 2;
	line[n++] = '\n';
	note(line, n);
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

/* A read-only share's line says so in a comment: the read-only bind mount is no word of it.
 * --dry-run prints it on stdout, --verbose as a message. */
static int show(FILE *f, const char *prefix, const struct launch_argv *a, bool ro)
{
	char *words, *line;
	int n;

	if (launch_shell_join(a->v, a->n, &words) < 0)
		return -ENOMEM;
	n = asprintf(&line, "%s%s%s\n", prefix, words, ro ? "  # " RO_NOTE : "");
	free(words);
	if (n < 0)
		return -ENOMEM;
	if (f)
		fputs(line, f);
	else
		note(line, (size_t)n);
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

/* Once asked, qemu keeps its grace: a second reason to stop it does not extend it. */
static void terminate_qemu(struct session *s)
{
	if (!s->kids.qemu.running || s->kill_at >= 0)
		return;
	kill(s->kids.qemu.pid, SIGTERM);
	s->kill_at = launch_now_ms() + QEMU_GRACE_MS;
}

static void stop_requested(struct session *s, int sig)
{
	if (s->signo) {
		/* Asked again: no more grace. */
		if (s->kids.qemu.running)
			kill(s->kids.qemu.pid, SIGKILL);
		return;
	}
	s->signo = sig;
	terminate_qemu(s);
}

static void handle_signals(struct session *s)
{
	struct signalfd_siginfo si;

	while (read(s->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			launch_children_reap(&s->kids, launch_now_ms());
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

/* The end of what a virtiofsd wrote, indented, as one message. */
static void print_log_tail(const struct launch_share *sh)
{
	char tail[1024], text[2048];
	char *line, *save = NULL;
	size_t n = 0;

	if (launch_read_tail(sh->log, tail, sizeof(tail)) < 0 || !tail[0])
		return;
	for (line = strtok_r(tail, "\n", &save); line && n < sizeof(text);
	     line = strtok_r(NULL, "\n", &save))
		n += (size_t)snprintf(text + n, sizeof(text) - n, "  %s\n", line);
	note(text, n < sizeof(text) ? n : sizeof(text) - 1);
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
			if (s->kids.vfs[i].running)
				continue;
			wait_status_describe(s->kids.vfs[i].status, how, sizeof(how));
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

static int start_virtiofsd(struct session *s, size_t i)
{
	const struct launch_share *sh = &s->plan->share[i];
	struct launch_spawn sp = { .own_pgrp = true, .ro_dir = sh->ro ? sh->dir : NULL };
	struct launch_argv a;
	int r;

	launch_argv_init(&a);
	r = launch_virtiofsd_argv(&a, s->plan->virtiofsd, sh);
	if (r == 0)
		r = launch_log_io(sh->log, &sp.in, &sp.out);
	if (r < 0) {
		launch_argv_free(&a);
		say("cannot prepare virtiofsd for %s: %s", sh->dir, strerror(-r));
		return EXIT_LAUNCHER;
	}
	if (s->cfg->verbose)
		show(NULL, "+ ", &a, sh->ro);
	sp.argv = a.v;
	sp.err = sp.out;
	r = launch_spawn(&sp, &s->kids.vfs[i].pid);
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
	s->kids.vfs[i].running = true;
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
		show(NULL, "+ ", &a, false);
	launch_tty_save(&s->tty, STDIN_FILENO);
	sp.argv = a.v;
	sp.out = fds[1];
	r = launch_spawn(&sp, &s->kids.qemu.pid);
	close(fds[1]);
	launch_argv_free(&a);
	if (r < 0) {
		close(fds[0]);
		say("cannot start %s: %s", s->plan->qemu, strerror(-r));
		return EXIT_LAUNCHER;
	}
	s->kids.qemu.running = true;
	s->relay.in = fds[0];
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
		s->expire_at = s->end_at = launch_now_ms() + (int64_t)s->cfg->timeout_s * 1000;
	return r;
}

static void check_deadlines(struct session *s)
{
	int64_t now = launch_now_ms();

	if (s->expire_at >= 0 && now >= s->expire_at) {
		s->expire_at = -1;
		s->timed_out = true;
		say("the guest ran past --timeout %u s; stopping it%s", s->cfg->timeout_s,
		    launch_relay_full(&s->relay) ? " (its console output was waiting for the "
						   "standard output to be read)"
						 : "");
		terminate_qemu(s);
	}
	if (s->kill_at >= 0 && now >= s->kill_at) {
		s->kill_at = -1;
		if (s->kids.qemu.running)
			kill(s->kids.qemu.pid, SIGKILL);
	}
}

static void report_lost_share(const struct session *s, int i)
{
	const struct launch_child *c = &s->kids.vfs[i];
	char how[64];

	wait_status_describe(c->status, how, sizeof(how));
	say("virtiofsd for tag '%s' %s while the guest was running", s->plan->share[i].tag, how);
	if (WIFEXITED(c->status) && WEXITSTATUS(c->status) != 0)
		print_log_tail(&s->plan->share[i]);
}

/*
 * A virtiofsd gone while qemu runs leaves the guest waiting on its file system for ever:
 * stop the guest now. After the status line the guest was only powering off, and its
 * status stands; after a signal or the timeout, qemu is being stopped already.
 */
static void check_shares(struct session *s)
{
	int i;

	if (s->lost >= 0 || s->signo || s->timed_out)
		return;
	i = launch_children_lost_share(&s->kids, launch_now_ms(), VFS_QUIET_MS);
	if (i < 0)
		return;
	if (s->relay.scan.status < 0) {
		s->lost = i;
		s->expire_at = -1;
		report_lost_share(s, i);
	}
	terminate_qemu(s);
}

static void give_up(struct session *s, int err)
{
	say("poll: %s", strerror(err));
	s->failed = true;
	kill(s->kids.qemu.pid, SIGKILL);
	while (waitpid(s->kids.qemu.pid, &s->kids.qemu.status, 0) < 0 && errno == EINTR)
		;
	s->kids.qemu.running = false;
}

/* One round: wait for a signal, the console, the output or the first deadline. */
static int wait_round(struct session *s, int64_t deadline)
{
	struct pollfd p[3];

	p[0] = (struct pollfd){ .fd = s->sigfd, .events = POLLIN };
	launch_relay_pollfds(&s->relay, p + 1);
	if (poll(p, 3, launch_ms_until(deadline)) < 0 && errno != EINTR)
		return -errno;
	launch_relay_events(&s->relay, p + 1);
	if (p[0].revents)
		handle_signals(s);
	return 0;
}

static void event_loop(struct session *s)
{
	while (s->kids.qemu.running) {
		int64_t t = launch_earliest(s->expire_at, s->kill_at);
		int r;

		t = launch_earliest(t, launch_children_grace_end(&s->kids, VFS_QUIET_MS));
		r = wait_round(s, t);
		if (r < 0) {
			give_up(s, -r);
			break;
		}
		check_shares(s);
		check_deadlines(s);
	}
}

/* qemu is gone: the reader gets what is left as it takes it, until a signal or the end of
 * --timeout; the scanner gets all of it, so a status line the reader never took counts. */
static void drain(struct session *s)
{
	while (!s->failed && !s->signo && launch_relay_busy(&s->relay) &&
	       (s->end_at < 0 || launch_now_ms() < s->end_at))
		if (wait_round(s, s->end_at) < 0)
			break;
	launch_relay_finish(&s->relay);
	if (s->relay.unwritten && !s->relay.out.err && !s->signo && !s->failed && s->cfg->timeout_s)
		say("%llu bytes of console output were not written: the standard output did not "
		    "take them within --timeout %u s",
		    (unsigned long long)s->relay.unwritten, s->cfg->timeout_s);
}

static void stop_all(struct session *s)
{
	launch_children_stop(&s->kids, s->sigfd, QEMU_GRACE_MS, VFS_GRACE_MS);
	/* a killed qemu could not restore the terminal it made raw */
	if (s->kids.qemu.pid > 0 && WIFSIGNALED(s->kids.qemu.status))
		launch_tty_restore(&s->tty, STDIN_FILENO);
	launch_relay_close(&s->relay);
	if (s->sigfd >= 0)
		close(s->sigfd);
}

static void remove_rundir(const struct session *s)
{
	int r;

	if (s->rundir[0] && (r = launch_rundir_remove(s->rundir)) < 0)
		say("cannot remove %s: %s", s->rundir, strerror(-r));
}

static bool qemu_failed(const struct session *s)
{
	char how[64];

	if (WIFEXITED(s->kids.qemu.status) && WEXITSTATUS(s->kids.qemu.status) == 0)
		return false;
	wait_status_describe(s->kids.qemu.status, how, sizeof(how));
	say("%s %s", s->plan->qemu, how);
	return true;
}

/* The exit code of a launch whose qemu ran, with its message. The first cause wins: a lost
 * file server was reported when it stopped the guest. */
static int outcome(const struct session *s)
{
	int i;

	if (s->failed || s->lost >= 0)
		return EXIT_LAUNCHER;
	if (s->signo) {
		say("stopped by SIG%s", sigabbrev_np(s->signo));
		return 128 + s->signo;
	}
	if (s->relay.scan.status >= 0)
		return s->relay.scan.status;
	if (s->timed_out)
		return EXIT_TIMEOUT;
	/* it failed as qemu ended: the likelier cause of a guest that reported nothing */
	i = launch_children_failed_share(&s->kids);
	if (i >= 0) {
		report_lost_share(s, i);
		return EXIT_LAUNCHER;
	}
	if (qemu_failed(s))
		return EXIT_LAUNCHER;
	say("the guest ended without reporting an exit status%s",
	    s->relay.scan.panic ? " (kernel panic seen on the console)" : "");
	return EXIT_NOSTATUS;
}

static int run(const struct launch_config *cfg, struct launch_plan *plan)
{
	struct session s = { .cfg = cfg, .plan = plan, .sigfd = -1, .lost = -1 };
	int code;

	s.expire_at = s.end_at = -1;
	s.kill_at = -1;
	s.tty.flags = -1;
	launch_children_init(&s.kids, plan->nshares);
	code = launch_relay_open(&s.relay, -1, STDOUT_FILENO);
	if (code < 0) {
		say("cannot use the standard output: %s", strerror(-code));
		return EXIT_LAUNCHER;
	}
	code = launch_signals_open(&s.sigfd);
	if (code < 0) {
		say("cannot set up signal handling: %s", strerror(-code));
		code = EXIT_LAUNCHER;
	} else {
		code = start(&s);
	}
	if (code == 0) {
		event_loop(&s);
		drain(&s);
	}
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

	if (launch_ensure_stdio() < 0)
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
