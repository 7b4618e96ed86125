/* Buffered writes to a file descriptor. */
#include "sink.h"

#include <string.h>

#include "lib/io.h"

void fd_sink_init(struct fd_sink *s, int fd)
{
	s->fd = fd;
	s->len = 0;
}

int fd_sink_flush(struct fd_sink *s)
{
	int r = write_all(s->fd, s->buf, s->len);

	s->len = 0;
	return r;
}

int fd_sink_write(void *ctx, const void *buf, size_t len)
{
	struct fd_sink *s = ctx;

	if (s->len + len > sizeof(s->buf)) {
		int r = fd_sink_flush(s);

		if (r < 0)
			return r;
	}
	if (len >= sizeof(s->buf))
		return write_all(s->fd, buf, len);
	memcpy(s->buf + s->len, buf, len);
	s->len += len;
	return 0;
}
