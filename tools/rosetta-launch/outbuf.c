/* Output that never blocks the launcher; see outbuf.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/clock.h"
#include "outbuf.h"

int launch_out_open(struct launch_out *o, int fd)
{
	char path[32];
	struct stat st;
	int nfd;

	o->fd = fd;
	o->mode = LAUNCH_OUT_PLAIN;
	o->err = 0;
	o->start = o->len = 0;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))
		return 0;
	if (S_ISSOCK(st.st_mode)) {
		o->mode = LAUNCH_OUT_SOCKET;
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	nfd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (nfd >= 0) {
		o->fd = nfd;
		o->mode = LAUNCH_OUT_NONBLOCK;
	} else if (errno == ENXIO) {
		o->err = EPIPE;
	} else {
		o->mode = LAUNCH_OUT_GUARDED;
	}
	return 0;
}

size_t launch_out_room(const struct launch_out *o)
{
	return o->err ? LAUNCH_OUT_SIZE : LAUNCH_OUT_SIZE - o->len;
}

size_t launch_out_pending(const struct launch_out *o)
{
	return o->len;
}

size_t launch_out_put(struct launch_out *o, const char *p, size_t n)
{
	if (o->err)
		return n;
	if (n > LAUNCH_OUT_SIZE - o->len)
		n = LAUNCH_OUT_SIZE - o->len;
	if (o->start + o->len + n > LAUNCH_OUT_SIZE) {
		memmove(o->buf, o->buf + o->start, o->len);
		o->start = 0;
	}
	memcpy(o->buf + o->start + o->len, p, n);
	o->len += n;
	return n;
}

static ssize_t write_some(const struct launch_out *o, const char *p, size_t n)
{
	struct pollfd pf = { .fd = o->fd, .events = POLLOUT };

	if (o->mode == LAUNCH_OUT_SOCKET)
		return send(o->fd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (o->mode == LAUNCH_OUT_GUARDED) {
		if (poll(&pf, 1, 0) <= 0) {
			errno = EAGAIN;
			return -1;
		}
		if (n > PIPE_BUF)
			n = PIPE_BUF;
	}
	return write(o->fd, p, n);
}

ssize_t launch_out_flush(struct launch_out *o)
{
	size_t done = 0;

	while (o->len && !o->err) {
		ssize_t w = write_some(o, o->buf + o->start, o->len);

		if (w > 0) {
			o->start += (size_t)w;
			o->len -= (size_t)w;
			done += (size_t)w;
		} else if (w == 0) {
			o->err = EIO;
		} else if (errno == EAGAIN) {
			break;
		} else if (errno != EINTR) {
			o->err = errno;
		}
	}
	if (o->err)
		o->len = 0;
	if (!o->len)
		o->start = 0;
	return o->err ? -o->err : (ssize_t)done;
}

void launch_out_close(struct launch_out *o)
{
	if (o->mode == LAUNCH_OUT_NONBLOCK && o->fd >= 0)
		close(o->fd);
	o->fd = -1;
}

/* poll says POLLOUT for a pipe with a page free: a write of PIPE_BUF bytes then does not
 * wait, nor does one to a terminal or socket with room. */
int launch_write_within(int fd, const char *buf, size_t n, int timeout_ms)
{
	uint64_t deadline = monotonic_ms() + (uint64_t)timeout_ms;

	while (n) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		int left = ms_until(deadline);
		ssize_t w;
		int r;

		if (left == 0)
			return -ETIMEDOUT;
		r = poll(&p, 1, left);
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r <= 0)
			continue;
		if (p.revents & POLLNVAL)
			return -EBADF;
		w = write(fd, buf, n < PIPE_BUF ? n : PIPE_BUF);
		if (w < 0 && errno != EINTR && errno != EAGAIN)
			return -errno;
		if (w > 0) {
			buf += w;
			n -= (size_t)w;
		}
	}
	return 0;
}
