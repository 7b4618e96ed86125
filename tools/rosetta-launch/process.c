/* Children of the launcher; see process.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/io.h"
#include "lib/signals.h"
#include "process.h"

int64_t launch_now_ms(void)
{
	return (int64_t)monotonic_ms();
}

int64_t launch_earliest(int64_t a, int64_t b)
{
	return a < 0 || (b >= 0 && b < a) ? b : a;
}

int launch_ms_until(int64_t t)
{
	return t < 0 ? -1 : ms_until((uint64_t)t);
}

int launch_ensure_stdio(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return -EBADF;
	return 0;
}

int launch_signals_open(int *sigfd)
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
	*sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (*sigfd < 0)
		return -errno;
	sigaction(SIGPIPE, &ign, NULL);
	return 0;
}

int launch_log_io(const char *log, int *in, int *out)
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

static void child_fd(int from, int to)
{
	if (from >= 0 && dup2(from, to) < 0)
		_exit(127);
}

/*
 * The C virtiofsd has no read-only mode: the child gets a view of dir it cannot write.
 * The namespace's mounts are made private first, so nothing reaches the host's.
 */
static int readonly_view(const char *dir)
{
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY };

	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) < 0)
		return errno;
	/* Linux 5.12 and later: every mount under dir too. */
	if (mount_setattr(AT_FDCWD, dir, AT_RECURSIVE, &attr, sizeof(attr)) < 0)
		return errno;
	return 0;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void __attribute__((noreturn))
child_exec(const struct launch_spawn *sp, int report, pid_t parent)
{
	int e;

	if (sp->own_pgrp)
		setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(127);
	signals_reset();
	child_fd(sp->in, 0);
	child_fd(sp->out, 1);
	child_fd(sp->err, 2);
	e = sp->ro_dir ? readonly_view(sp->ro_dir) : 0;
	if (e == 0) {
		execv(sp->argv[0], sp->argv);
		e = errno;
	}
	if (write(report, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

int launch_spawn(const struct launch_spawn *sp, pid_t *pid)
{
	pid_t parent = getpid();
	int report[2], e = 0, status;
	ssize_t n;

	if (pipe2(report, O_CLOEXEC) < 0)
		return -errno;
	*pid = fork();
	if (*pid < 0) {
		e = errno;
		close(report[0]);
		close(report[1]);
		return -e;
	}
	if (*pid == 0)
		child_exec(sp, report[1], parent);
	close(report[1]);
	n = read_full(report[0], &e, sizeof(e));
	close(report[0]);
	if (n == (ssize_t)sizeof(e)) {
		waitpid(*pid, &status, 0);
		*pid = -1;
		return -e;
	}
	return 0;
}

int launch_try_reap(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	return r == pid ? 1 : 0;
}

static void drain(int sigfd)
{
	struct signalfd_siginfo si;

	while (read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		;
}

int launch_wait_exit(int sigfd, pid_t pid, int timeout_ms, int *status)
{
	int64_t deadline = launch_now_ms() + timeout_ms;
	struct pollfd p = { .fd = sigfd, .events = POLLIN };

	for (;;) {
		int r = launch_try_reap(pid, status);
		int64_t left;

		if (r != 0)
			return r < 0 ? r : 0;
		left = deadline - launch_now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return -errno;
		drain(sigfd);
	}
}

int launch_stop(int sigfd, pid_t pid, int grace_ms, int *status)
{
	int r;

	if (kill(pid, SIGTERM) < 0 && errno != ESRCH)
		return -errno;
	r = launch_wait_exit(sigfd, pid, grace_ms, status);
	if (r != -ETIMEDOUT)
		return r;
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}
