/* Paths resolved inside a root directory with openat2(RESOLVE_IN_ROOT); see
 * in_root.h. */
#include "in_root.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same on every architecture */
#endif

/* openat2() fails with EAGAIN when a rename or mount elsewhere raced the
 * lookup; a few tries get past a passing one. */
#define OPENAT2_TRIES 8

static int open_resolved(int root_fd, const char *path, int flags, mode_t mode,
			 enum in_root_links links)
{
	bool creates = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
	struct open_how how = { .flags = (uint64_t)(unsigned int)flags,
				.mode = creates ? mode : 0,
				.resolve =
				    RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS |
				    (links == IN_ROOT_LINKS_REFUSE ? RESOLVE_NO_SYMLINKS : 0) };
	long fd = -1;

	if (root_fd == AT_FDCWD)
		fd = openat(AT_FDCWD, path, flags, mode);
	else
		for (int i = 0; i < OPENAT2_TRIES; i++) {
			fd = syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
			if (fd >= 0 || errno != EAGAIN)
				break;
		}
	return fd < 0 ? -errno : (int)fd;
}

int in_root_open(int root_fd, const char *path, int flags, mode_t mode)
{
	return open_resolved(root_fd, path, flags, mode, IN_ROOT_LINKS_FOLLOW);
}

int in_root_dir_open(const char *root, int *root_fd)
{
	int fd;

	*root_fd = AT_FDCWD;
	if (!root || root[strspn(root, "/")] == '\0')
		return 0;
	fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*root_fd = fd;
	return 0;
}

static int open_dir(int root_fd, const char *dir, enum in_root_links links)
{
	return open_resolved(root_fd, *dir ? dir : ".", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, links);
}

/* Make comp, the last component of dir, in parent (dir's parent, resolved);
 * mkdirat() fails with EEXIST when comp is a dangling symbolic link. */
static int make_one(int root_fd, int parent, const char *dir, const char *comp, mode_t mode,
		    enum in_root_links links)
{
	if (mkdirat(parent, comp, mode) < 0 || fchmodat(parent, comp, mode, 0) < 0)
		return -errno;
	return open_dir(root_fd, dir, links);
}

/* mkdir -p of dir (a writable copy) inside the root: each prefix opened from
 * the root, so that a symbolic link on the way resolves there, and a missing
 * component made in the prefix before it. */
static int make_dir_in_root(int root_fd, char *dir, mode_t mode, enum in_root_links links)
{
	int parent = open_dir(root_fd, "", links);
	char *end = dir;

	while (parent >= 0) {
		char *comp = end + strspn(end, "/"), saved;
		int fd;

		end = comp + strcspn(comp, "/");
		if (end == comp)
			break;
		saved = *end;
		*end = '\0';
		fd = open_dir(root_fd, dir, links);
		if (fd == -ENOENT)
			fd = make_one(root_fd, parent, dir, comp, mode, links);
		*end = saved;
		close(parent);
		parent = fd;
	}
	return parent;
}

int in_root_parent(int root_fd, const char *path, mode_t dir_mode, enum in_root_links links,
		   const char **last)
{
	char dir[PATH_MAX];
	size_t len = strlen(path), dlen;
	const char *base = strrchr(path, '/');
	int fd;

	base = base ? base + 1 : path;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return -EINVAL;
	dlen = (size_t)(base - path);
	if (len >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, path, dlen);
	dir[dlen] = '\0';
	fd = open_dir(root_fd, dir, links);
	if (fd == -ENOENT && dir_mode)
		fd = make_dir_in_root(root_fd, dir, dir_mode, links);
	if (fd >= 0)
		*last = base;
	return fd;
}
