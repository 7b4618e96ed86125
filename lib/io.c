/* Whole reads and writes; see io.h. */
#include "io.h"

#include <errno.h>
#include <unistd.h>

int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* offset < 0: read(2) from the file position. */
static ssize_t fill(int fd, unsigned char *buf, size_t size, off_t offset)
{
	size_t got = 0;

	while (got < size) {
		ssize_t n = offset < 0 ? read(fd, buf + got, size - got)
				       : pread(fd, buf + got, size - got, offset + (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

ssize_t read_full(int fd, void *buf, size_t size)
{
	return fill(fd, buf, size, -1);
}

ssize_t pread_full(int fd, void *buf, size_t size, off_t offset)
{
	if (offset < 0)
		return -EINVAL;
	return fill(fd, buf, size, offset);
}
