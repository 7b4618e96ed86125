/* Reading configuration files for the parsers of binfmt.d and update-binfmts. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* The whole file, however it grows while we read. */
static int read_all(int fd, size_t max, char **text, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;

	for (;;) {
		ssize_t got;

		if (n == cap) {
			size_t bigger = cap ? 2 * cap : 4096;
			char *p = bigger <= max ? realloc(buf, bigger) : NULL;

			if (!p) {
				free(buf);
				return bigger <= max ? -ENOMEM : -EFBIG;
			}
			buf = p;
			cap = bigger;
		}
		got = read(fd, buf + n, cap - n);
		if (got == 0)
			break;
		if (got < 0 && errno != EINTR) {
			int err = -errno;

			free(buf);
			return err;
		}
		n += got > 0 ? (size_t)got : 0;
	}
	*text = buf;
	*len = n;
	return 0;
}

int binfmt_read_file(const char *path, size_t max, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), r;

	if (fd < 0)
		return -errno;
	r = read_all(fd, max, text, len);
	close(fd);
	return r;
}
