/* make_dirs, mkdir -p; see fs.h. */
#include "fs.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

static int make_one(const char *dir, mode_t mode)
{
	return mkdir(dir, mode) < 0 && errno != EEXIST ? -errno : 0;
}

int make_dirs(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);
	int r;

	if (len >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	/* From the second byte: "/" itself always exists. */
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		r = make_one(buf, mode);
		*p = '/';
		if (r < 0)
			return r;
	}
	return make_one(buf, mode);
}
