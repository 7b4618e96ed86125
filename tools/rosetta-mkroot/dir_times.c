/* Directories' modes and times, kept and set last; see dir_times.h. */
#include "dir_times.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "entry_path.h"
#include "lib/in_root.h"

int dir_times_add(struct dir_times *dt, const char *path, mode_t mode,
		  const struct timespec times[2])
{
	struct dir_time *d;

	if (dt->n == dt->cap) {
		size_t cap = dt->cap ? dt->cap * 2 : 64;
		struct dir_time *v = reallocarray(dt->v, cap, sizeof(*v));

		if (!v)
			return -ENOMEM;
		dt->v = v;
		dt->cap = cap;
	}
	d = &dt->v[dt->n];
	d->path = strdup(path);
	if (!d->path)
		return -ENOMEM;
	d->mode = mode;
	d->times[0] = times[0];
	d->times[1] = times[1];
	dt->n++;
	return 0;
}

static size_t depth(const char *path)
{
	size_t n = *path != '\0';

	for (; *path; path++)
		n += *path == '/';
	return n;
}

struct order {
	size_t depth, index;
};

/* Deepest first; for one depth, in the order added, so the later wins. */
static int by_depth(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->depth != y->depth)
		return x->depth > y->depth ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The directory path names, never through a link a later layer made of one
 * of its parents: its mode and time belong to that directory, not to one the
 * link leads to. */
static int open_dir(int root_fd, const char *path)
{
	const char *last;
	int parent, fd;

	if (!*path)
		return in_root_open(root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	parent = in_root_parent(root_fd, path, 0, IN_ROOT_LINKS_REFUSE, &last);
	if (parent < 0)
		return parent;
	fd = openat(parent, last, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	fd = fd < 0 ? -errno : fd;
	close(parent);
	return fd;
}

static int apply_one(int root_fd, const struct dir_time *d, struct error_record *e)
{
	int fd = open_dir(root_fd, d->path);
	char name[512];
	int r = 0;

	if (fd == -ENOENT || fd == -ENOTDIR || fd == -ELOOP)
		return 0; /* removed or replaced by a later layer */
	if (fd < 0)
		return error_system(e, fd, "cannot open the directory /%s in the tree: %m",
				    entry_path_quote(d->path, name, sizeof(name)));
	if (fchmod(fd, d->mode) < 0 || futimens(fd, d->times) < 0)
		r = error_system(e, -errno, "cannot set the mode and time of /%s: %m",
				 entry_path_quote(d->path, name, sizeof(name)));
	close(fd);
	return r;
}

int dir_times_apply(int root_fd, const struct dir_times *dt, struct error_record *e)
{
	struct order *o = calloc(dt->n ? dt->n : 1, sizeof(*o));
	int r = 0;

	if (!o)
		return error_system(e, -ENOMEM, "cannot sort the tree's directories: %m");
	for (size_t i = 0; i < dt->n; i++)
		o[i] = (struct order){ .depth = depth(dt->v[i].path), .index = i };
	qsort(o, dt->n, sizeof(*o), by_depth);
	for (size_t i = 0; r == 0 && i < dt->n; i++)
		r = apply_one(root_fd, &dt->v[o[i].index], e);
	free(o);
	return r;
}

void dir_times_free(struct dir_times *dt)
{
	for (size_t i = 0; i < dt->n; i++)
		free(dt->v[i].path);
	free(dt->v);
	*dt = (struct dir_times){ 0 };
}
