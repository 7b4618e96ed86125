/* Bounded whole-file reads; see whole_file.h. */
#include "whole_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The whole file, however it grows while we read; a file of exactly max
 * bytes fits, one more byte is -EFBIG (the buffer has room for max + 1 so
 * that the end of the file can be seen). */
int read_whole_fd(int fd, size_t max, char **text, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;

	for (;;) {
		ssize_t got;

		if (n == cap) {
			size_t bigger = cap ? 2 * cap : 4096;
			char *p;

			if (cap > max) {
				free(buf);
				return -EFBIG;
			}
			p = realloc(buf, bigger < max + 1 ? bigger : max + 1);
			if (!p) {
				free(buf);
				return -ENOMEM;
			}
			buf = p;
			cap = bigger < max + 1 ? bigger : max + 1;
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

int read_whole_file(const char *path, size_t max, char **text, size_t *len)
{
	/* O_NONBLOCK: a FIFO in the way cannot hang the reader (PID 1 reads
	 * its configuration file with this). */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK), r;

	if (fd < 0)
		return -errno;
	r = read_whole_fd(fd, max, text, len);
	close(fd);
	return r;
}

int read_first_line(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n <= 0)
		return n < 0 ? (int)n : -ENODATA;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}
