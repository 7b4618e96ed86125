/* The temp directory a tar image is unpacked into, and its removal with
 * everything in it (no deeper than a layout's blobs/ALG/HEX). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"

int tmpdir_make(const char *parent, char *out, size_t size, struct error_record *e)
{
	int n;

	if (!parent)
		parent = getenv("TMPDIR");
	if (!parent || !*parent)
		parent = "/tmp";
	n = snprintf(out, size, "%s/rosetta-mkroot.XXXXXX", parent);
	if (n < 0 || (size_t)n >= size) {
		out[0] = '\0';
		return error_set(e, -ENAMETOOLONG, "temp directory in %.200s: %m", parent);
	}
	if (!mkdtemp(out)) {
		n = -errno;
		out[0] = '\0';
		return error_system(e, n, "cannot make a temp directory in %s: %m", parent);
	}
	return 0;
}

/* Empty the directory dfd (which it closes); depth bounds the recursion. */
static int dir_empty(int dfd, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	int r = 0;

	if (!d) {
		close(dfd);
		return -errno;
	}
	while ((de = readdir(d))) {
		int sub;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			continue;
		if (errno != EISDIR || depth == 0) {
			r = r ? r : -errno;
			continue;
		}
		sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0)
			dir_empty(sub, depth - 1);
		if (unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR) < 0 && !r)
			r = -errno;
	}
	closedir(d);
	return r;
}

int tmpdir_remove(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), r;

	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	r = dir_empty(fd, 4);
	if (rmdir(dir) < 0 && !r)
		r = -errno;
	return r;
}
