/* virtio-fs devices and their tags, from sysfs; see virtiofs.h. */
#include "virtiofs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/dir_names.h"
#include "lib/whole_file.h"

static bool is_virtiofs_device(const char *sys, const char *name)
{
	char path[PATH_MAX], id[32];
	int n = snprintf(path, sizeof(path), "%s/bus/virtio/devices/%s/device", sys, name);

	return n > 0 && (size_t)n < sizeof(path) && read_first_line(path, id, sizeof(id)) == 0 &&
	       strtol(id, NULL, 16) == VIRTIO_ID_FS;
}

int virtiofs_count_devices(const char *sys)
{
	char path[PATH_MAX];
	struct dirent *e;
	int count = 0;
	DIR *d;

	if ((size_t)snprintf(path, sizeof(path), "%s/bus/virtio/devices", sys) >= sizeof(path))
		return 0;
	d = opendir(path);
	while (d && (e = readdir(d)))
		count += e->d_name[0] != '.' && is_virtiofs_device(sys, e->d_name);
	if (d)
		closedir(d);
	return count;
}

/* fn with the tag of instance name; an instance gone meanwhile is skipped. */
static int one_tag(const char *dir, const char *name, int (*fn)(void *arg, const char *tag),
		   void *arg)
{
	char path[PATH_MAX], tag[TAG_MAX + 2];
	int n = snprintf(path, sizeof(path), "%s/%s/tag", dir, name);

	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	n = read_first_line(path, tag, sizeof(tag));
	if (n == -ENOENT || n == -ENOTDIR)
		return 0;
	return n < 0 ? n : fn(arg, tag);
}

int virtiofs_tags(const char *sys, int (*fn)(void *arg, const char *tag), void *arg)
{
	char dir[PATH_MAX];
	struct dir_names ns;
	DIR *d;
	int r;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/fs/virtiofs", sys) >= sizeof(dir))
		return -ENAMETOOLONG;
	d = opendir(dir);
	if (!d)
		return -errno;
	r = dir_names_read(d, &ns);
	closedir(d);
	for (size_t i = 0; r == 0 && i < ns.n; i++)
		r = one_tag(dir, ns.v[i], fn, arg);
	dir_names_free(&ns);
	return r;
}
