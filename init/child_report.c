/* A child of PID 1 with one report through a pipe (child_report.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
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
	if (r == -ETIME)
		kill(c->pid, SIGKILL);
	while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
		;
	close(c->fd);
	*c = CHILD_REPORT_NONE;
	return r;
}
