/*
 * The launch while qemu runs: one poll on the signalfd, the console and the standard
 * output; a signal, the --timeout, a lost virtiofsd or qemu's end each decide what
 * happens next. See session.h.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "process.h"
#include "report.h"
#include "session.h"

/* Once asked, qemu keeps its grace: a second reason to stop it does not extend it. */
static void terminate_qemu(struct launch_session *s)
{
	if (!s->kids.qemu.running || s->kill_at >= 0)
		return;
	kill(s->kids.qemu.pid, SIGTERM);
	s->kill_at = launch_now_ms() + QEMU_GRACE_MS;
}

static void stop_requested(struct launch_session *s, int sig)
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

static void handle_signals(struct launch_session *s)
{
	struct signalfd_siginfo si;

	while (read(s->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			launch_children_reap(&s->kids, launch_now_ms());
		else
			stop_requested(s, (int)si.ssi_signo);
	}
}

void launch_session_wait_events(struct launch_session *s, int timeout_ms)
{
	struct pollfd p = { .fd = s->sigfd, .events = POLLIN };

	if (poll(&p, 1, timeout_ms) > 0)
		handle_signals(s);
}

static void check_deadlines(struct launch_session *s)
{
	int64_t now = launch_now_ms();

	if (s->expire_at >= 0 && now >= s->expire_at) {
		s->expire_at = -1;
		s->timed_out = true;
		launch_say("the guest ran past --timeout %u s; stopping it%s", s->cfg->timeout_s,
			   launch_relay_full(&s->relay)
			       ? " (its console output was waiting for the standard output to be "
				 "read)"
			       : "");
		terminate_qemu(s);
	}
	if (s->kill_at >= 0 && now >= s->kill_at) {
		s->kill_at = -1;
		if (s->kids.qemu.running)
			kill(s->kids.qemu.pid, SIGKILL);
	}
}

/*
 * A virtiofsd gone while qemu runs leaves the guest waiting on its file system for ever:
 * stop the guest now. After the status line the guest was only powering off, and its
 * status stands; after a signal or the timeout, qemu is being stopped already.
 */
static void check_shares(struct launch_session *s)
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
		launch_session_report_lost_share(s, i);
	}
	terminate_qemu(s);
}

static void give_up(struct launch_session *s, int err)
{
	launch_say("poll: %s", strerror(err));
	s->failed = true;
	kill(s->kids.qemu.pid, SIGKILL);
	while (waitpid(s->kids.qemu.pid, &s->kids.qemu.status, 0) < 0 && errno == EINTR)
		;
	s->kids.qemu.running = false;
}

/* One round: wait for a signal, the console, the output or the first deadline. */
static int wait_round(struct launch_session *s, int64_t deadline)
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

void launch_session_loop(struct launch_session *s)
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
void launch_session_drain(struct launch_session *s)
{
	while (!s->failed && !s->signo && launch_relay_busy(&s->relay) &&
	       (s->end_at < 0 || launch_now_ms() < s->end_at))
		if (wait_round(s, s->end_at) < 0)
			break;
	launch_relay_finish(&s->relay);
	if (s->relay.unwritten && !s->relay.out.err && !s->signo && !s->failed && s->cfg->timeout_s)
		launch_say("%llu bytes of console output were not written: the standard output "
			   "did not take them within --timeout %u s",
			   (unsigned long long)s->relay.unwritten, s->cfg->timeout_s);
}
