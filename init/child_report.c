/* A child of PID 1 with one report through a pipe (child_report.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child_report.h"
#include "lib/clock.h"
#include "lib/signals.h"

int child_report_begin(struct child_report *c, child_work_fn work, struct boot_ctx *ctx)
{
	int fds[2];
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		signals_reset();
		_exit(work(ctx, fds[1]));
	}
	close(fds[1]);
	if (pid < 0) {
		int err = errno;

		close(fds[0]);
		return -err;
	}
	*c = (struct child_report){ .pid = pid, .fd = fds[0], .started_ms = monotonic_ms() };
	return 0;
}

/* How long a child that has reported, or was killed, may take to end. */
#define END_MS 2000

/* Whether the child's end of the pipe closed (it has exited) by deadline;
 * whatever more it wrote is dropped. */
static bool hung_up(int fd, uint64_t deadline)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	char drop[64];

	for (;;) {
		int r = poll(&pfd, 1, ms_until(deadline));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		if (read(fd, drop, sizeof(drop)) == 0)
			return true;
	}
}

/* Reap the child once its pipe says it has exited. One stuck in the kernel
 * (a module's init that never returns) is left, even killed, to PID 1's
 * reaper, which takes every child: PID 1 never blocks on it. */
static void end_child(const struct child_report *c, bool kill_now)
{
	if (kill_now || !hung_up(c->fd, monotonic_ms() + END_MS)) {
		kill(c->pid, SIGKILL);
		if (!hung_up(c->fd, monotonic_ms() + END_MS))
			return;
	}
	while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
		;
}

ssize_t child_report_collect(struct child_report *c, void *buf, size_t size, uint64_t deadline)
{
	struct pollfd pfd = { c->fd, POLLIN, 0 };
	ssize_t r;

	while ((r = poll(&pfd, 1, ms_until(deadline))) < 0 && errno == EINTR)
		;
	if (r <= 0)
		r = -ETIME;
	else {
		/* One read: the report was one write, so it is all there. */
		while ((r = read(c->fd, buf, size)) < 0 && errno == EINTR)
			;
		if (r <= 0)
			r = -EPIPE;
	}
	end_child(c, r == -ETIME);
	close(c->fd);
	*c = CHILD_REPORT_NONE;
	return r;
}

void child_report_stop(struct child_report *c)
{
	if (c->pid <= 0)
		return;
	end_child(c, true);
	close(c->fd);
	*c = CHILD_REPORT_NONE;
}
