/* Starting a launch: the run directory, one virtiofsd per share, waiting until each
 * listens, then qemu with its console on a pipe; see session.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/wait_status.h"
#include "argv.h"
#include "lib/cli.h"
#include "lib/error.h"
#include "process.h"
#include "report.h"
#include "rundir.h"
#include "session.h"
#include "unixsock.h"

#define SOCKET_WAIT_MS 10000
#define SOCKET_POLL_MS 20
#define PROC_NET_UNIX  "/proc/net/unix"

static int virtiofsd_failed(const struct launch_session *s, size_t i, const char *what)
{
	const struct launch_share *sh = &s->plan->share[i];

	launch_say("virtiofsd for tag '%s' (%s) %s", sh->tag, sh->dir, what);
	launch_quote_log(sh);
	if (geteuid() != 0)
		launch_say("virtiofsd needs root for -o sandbox=chroot: run %s as root",
			   LAUNCH_PROG);
	return CLI_EXIT_LAUNCHER;
}

/* 0 once every share's socket listens; otherwise the exit code of the failure. */
static int wait_sockets(struct launch_session *s)
{
	int64_t deadline = launch_now_ms() + SOCKET_WAIT_MS;
	char how[64], what[96];
	size_t i;

	for (;;) {
		for (i = 0; i < s->plan->nservers; i++) {
			if (s->kids.vfs[i].running)
				continue;
			wait_status_describe(s->kids.vfs[i].status, how, sizeof(how));
			snprintf(what, sizeof(what), "%s before it listened", how);
			return virtiofsd_failed(s, i, what);
		}
		for (i = 0; i < s->plan->nservers; i++)
			if (launch_socket_listening(s->plan->share[i].socket, PROC_NET_UNIX) != 1)
				break;
		if (i == s->plan->nservers)
			return 0;
		if (s->signo)
			return 128 + s->signo;
		if (launch_now_ms() >= deadline)
			return virtiofsd_failed(s, i, "did not listen on its socket within 10 s");
		launch_session_wait_events(s, SOCKET_POLL_MS);
	}
}

static int start_virtiofsd(struct launch_session *s, size_t i)
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
		launch_say("cannot prepare virtiofsd for %s: %s", sh->dir, strerror(-r));
		return CLI_EXIT_LAUNCHER;
	}
	if (s->cfg->verbose)
		launch_print_command(NULL, "+ ", &a, sh->ro);
	sp.argv = a.v;
	sp.err = sp.out;
	r = launch_spawn(&sp, &s->kids.vfs[i].pid);
	close(sp.in);
	close(sp.out);
	launch_argv_free(&a);
	if (r < 0 && sh->ro) {
		launch_say("cannot start %s with a read-only view of %s: %s%s", s->plan->virtiofsd,
			   sh->dir, strerror(-r),
			   r == -EPERM ? " (a mount namespace of its own needs root)" : "");
		return CLI_EXIT_LAUNCHER;
	}
	if (r < 0) {
		launch_say("cannot start %s: %s", s->plan->virtiofsd, strerror(-r));
		return CLI_EXIT_LAUNCHER;
	}
	s->kids.vfs[i].running = true;
	return 0;
}

/* qemu, or vfkit in its place: the console is the child's standard output either way. */
static int start_vm(struct launch_session *s)
{
	struct launch_spawn sp = { .in = -1, .err = -1 };
	struct launch_argv a;
	int fds[2] = { -1, -1 }, r;

	launch_argv_init(&a);
	r = launch_vm_argv(&a, s->cfg, s->plan);
	if (r == 0 && pipe2(fds, O_CLOEXEC) < 0)
		r = -errno;
	if (r < 0) {
		launch_argv_free(&a);
		launch_say("cannot prepare %s: %s", s->plan->vm, strerror(-r));
		return CLI_EXIT_LAUNCHER;
	}
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	if (s->cfg->verbose)
		launch_print_command(NULL, "+ ", &a, false);
	launch_tty_save(&s->tty, STDIN_FILENO);
	sp.argv = a.v;
	sp.out = fds[1];
	r = launch_spawn(&sp, &s->kids.qemu.pid);
	close(fds[1]);
	launch_argv_free(&a);
	if (r < 0) {
		close(fds[0]);
		launch_say("cannot start %s: %s", s->plan->vm, strerror(-r));
		return CLI_EXIT_LAUNCHER;
	}
	s->kids.qemu.running = true;
	s->relay.in = fds[0];
	return 0;
}

int launch_session_start(struct launch_session *s)
{
	const char *base = launch_runtime_base(getenv("XDG_RUNTIME_DIR"));
	struct error_record err = { 0 };
	size_t i;
	int r;

	r = launch_rundir_create(base, s->rundir, sizeof(s->rundir));
	if (r < 0) {
		s->rundir[0] = '\0';
		launch_say("cannot create a private directory in %s: %s", base, strerror(-r));
		return CLI_EXIT_LAUNCHER;
	}
	if (launch_plan_sockets(s->plan, s->rundir, &err) < 0) {
		launch_say("%s", err.msg[0].text);
		return CLI_EXIT_LAUNCHER;
	}
	for (i = 0; i < s->plan->nservers; i++)
		if ((r = start_virtiofsd(s, i)) != 0)
			return r;
	r = wait_sockets(s);
	if (r == 0)
		r = start_vm(s);
	if (r == 0 && s->cfg->timeout_s)
		s->expire_at = s->end_at = launch_now_ms() + (int64_t)s->cfg->timeout_s * 1000;
	return r;
}
