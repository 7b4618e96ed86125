/* rm -rf relative to a directory fd; see remove_tree.h. */
#include "remove_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "lib/dir_names.h"

static int remove_children(int fd)
{
	struct dir_names names;
	int r = dir_names_read_fd(fd, &names);

	for (size_t i = 0; r == 0 && i < names.n; i++)
		r = remove_tree_at(fd, names.v[i]);
	dir_names_free(&names);
	return r;
}

int remove_tree_at(int dirfd, const char *name)
{
	int fd, r;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR)
		return -errno;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	r = remove_children(fd);
	close(fd);
	if (r == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		r = -errno;
	return r;
}
