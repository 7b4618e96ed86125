/* OCI whiteouts: ".wh.NAME" and ".wh..wh..opq" remove what the layers below
 * made, never what the same layer writes (see layer.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apply.h"
#include "lib/dir_names.h"
#include "lib/in_root.h"
#include "remove_tree.h"

#define WH_PREFIX ".wh."
#define WH_META	  ".wh..wh."
#define WH_OPAQUE ".wh..wh..opq"

static int prune(const struct path_set *keep, int dirfd, const char *name, const char *path);

/* Prune every child of the open directory fd, whose path is path. */
static int prune_children(const struct path_set *keep, int fd, const char *path)
{
	struct dir_names names;
	int r = dir_names_read_fd(fd, &names);

	for (size_t i = 0; r == 0 && i < names.n; i++) {
		char child[PATH_MAX];
		int n =
		    snprintf(child, sizeof(child), "%s%s%s", path, *path ? "/" : "", names.v[i]);

		/* A path too long for the set was not written by this layer. */
		if (n < 0 || (size_t)n >= sizeof(child))
			r = remove_tree_at(fd, names.v[i]);
		else
			r = prune(keep, fd, names.v[i], child);
	}
	dir_names_free(&names);
	return r;
}

/* Remove name (path in the root) from dirfd unless this layer wrote it; of
 * a directory it wrote, or one above what it wrote, prune the children. */
static int prune(const struct path_set *keep, int dirfd, const char *name, const char *path)
{
	int fd, r;

	if (!path_set_has(keep, path))
		return remove_tree_at(dirfd, name);
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOTDIR || errno == ELOOP || errno == ENOENT ? 0 : -errno;
	r = prune_children(keep, fd, path);
	close(fd);
	return r;
}

/* ".wh..wh..opq" in dir (the path without its last component): the
 * directory is made if it is missing, as the layer says it is there. */
static int opaque(struct apply_ctx *c, const char *path, size_t dir_len)
{
	char dir[PATH_MAX];
	const char *last;
	int parent, fd, r;

	memcpy(dir, path, dir_len);
	dir[dir_len] = '\0';
	if (dir_len > 0 && path_set_add(&c->written, dir) < 0)
		return apply_fail(c, -ENOMEM, "cannot remember the path");
	parent = in_root_parent(c->root_fd, path, 0755, IN_ROOT_LINKS_REFUSE, &last);
	if (parent < 0)
		return apply_parent_fail(c, parent);
	fd = openat(parent, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	r = fd < 0 ? -errno : prune_children(&c->written, fd, dir);
	if (fd >= 0)
		close(fd);
	close(parent);
	return r < 0 ? apply_fail(c, r, "cannot empty the opaque directory") : 0;
}

/* ".wh.NAME": remove NAME; nothing to do when its directory is not there. */
static int whiteout_one(struct apply_ctx *c, const char *path, size_t dir_len)
{
	char hidden[PATH_MAX];
	const char *last;
	int parent, r;

	snprintf(hidden, sizeof(hidden), "%.*s%s", (int)dir_len, path,
		 path + dir_len + strlen(WH_PREFIX));
	parent = in_root_parent(c->root_fd, hidden, 0, IN_ROOT_LINKS_REFUSE, &last);
	if (parent == -ENOENT || parent == -ENOTDIR)
		return 0;
	if (parent < 0)
		return apply_parent_fail(c, parent);
	r = prune(&c->written, parent, last, hidden);
	close(parent);
	return r < 0 ? apply_fail(c, r, "cannot remove what it hides") : 0;
}

int whiteout_apply(struct apply_ctx *c, const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t dir_len = (size_t)(base - path);
	const char *hidden = base + strlen(WH_PREFIX);
	int r;

	if (!strcmp(base, WH_OPAQUE))
		r = opaque(c, path, slash ? dir_len - 1 : 0);
	else if (!strncmp(base, WH_META, strlen(WH_META)))
		return 0; /* AUFS's own files (.wh..wh.plnk, ...): nothing to hide */
	else if (!*hidden)
		return apply_refuse(c, -EINVAL, "a whiteout '.wh.' must name what it hides");
	else if (!strcmp(hidden, ".") || !strcmp(hidden, ".."))
		return apply_refuse(c, -EINVAL, "a whiteout cannot hide '%s'", hidden);
	else
		r = whiteout_one(c, path, dir_len);
	if (r == 0)
		c->st->whiteouts++;
	return r;
}
