/* The private run directory; see rundir.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/io.h"
#include "plan.h"
#include "rundir.h"

int launch_rundir_create(const char *base, char *out, size_t size)
{
	int n = snprintf(out, size, "%s/%s", base, LAUNCH_RUNDIR_NAME);

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	if (!mkdtemp(out))
		return -errno;
	return 0;
}

int launch_rundir_remove(const char *dir)
{
	struct dirent *d;
	DIR *dp = opendir(dir);
	int r = 0;

	if (!dp)
		return -errno;
	while ((d = readdir(dp))) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(dp), d->d_name, 0) < 0 && r == 0)
			r = -errno;
	}
	closedir(dp);
	if (rmdir(dir) < 0 && r == 0)
		r = -errno;
	return r;
}

int launch_read_tail(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	off_t end, start;
	ssize_t n;
	char *nl;

	if (size == 0)
		return -EINVAL;
	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	end = lseek(fd, 0, SEEK_END);
	start = end > (off_t)(size - 1) ? end - (off_t)(size - 1) : 0;
	n = end < 0 || lseek(fd, start, SEEK_SET) < 0 ? -errno : read_full(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	nl = start > 0 ? strchr(buf, '\n') : NULL;
	if (nl)
		memmove(buf, nl + 1, strlen(nl + 1) + 1);
	return 0;
}
