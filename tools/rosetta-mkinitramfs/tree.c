/* Directory walk with lstat. Each directory's names are read and the directory closed before
 * descending, so only one directory is open at a time whatever the depth. */
#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "lib/dir_names.h"

struct walk {
	const char *root;
	struct entry_list *out;
	struct error_record *err;
};

static char *join(const char *a, const char *b)
{
	char *s;

	if (asprintf(&s, "%s/%s", a, b) < 0)
		return NULL;
	return s;
}

/* The name used in messages: the path relative to the root, or the root itself. */
static const char *shown(const struct walk *w, const char *rel)
{
	return rel[0] ? rel : w->root;
}

static int read_names(struct walk *w, const char *path, const char *rel, struct dir_names *ns)
{
	DIR *d = opendir(path);
	int r;

	if (!d)
		return error_set(w->err, -errno, "cannot open directory %s: %m", shown(w, rel));
	r = dir_names_read(d, ns);
	closedir(d);
	if (r == -ENOMEM)
		return error_system(w->err, r, "out of memory");
	if (r < 0)
		return error_set(w->err, r, "cannot read directory %s: %m", shown(w, rel));
	return 0;
}

static int read_link(struct walk *w, const char *path, struct entry *e)
{
	size_t cap = e->size + 1 > 64 ? e->size + 1 : 64;

	for (;;) {
		char *buf = realloc(e->target, cap);
		ssize_t n;

		if (!buf)
			return error_system(w->err, -ENOMEM, "out of memory");
		e->target = buf;
		n = readlink(path, buf, cap);
		if (n < 0)
			return error_set(w->err, -errno, "cannot read symlink %s: %m", e->name);
		if ((size_t)n < cap) {
			buf[n] = '\0';
			e->size = n;
			return 0;
		}
		cap *= 2;
	}
}

static int fill_entry(struct walk *w, const struct stat *st, char **path, struct entry *e)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
		e->size = st->st_size;
		if (!entry_size_fits(e->size))
			return error_set(w->err, -EINVAL,
					 "%s is too large for a newc archive (%llu bytes, limit "
					 "4294967295)",
					 e->name, (unsigned long long)e->size);
		e->src = *path;
		*path = NULL;
		return 0;
	case S_IFLNK:
		e->size = st->st_size;
		return read_link(w, *path, e);
	case S_IFCHR:
	case S_IFBLK:
		e->rdev_major = major(st->st_rdev);
		e->rdev_minor = minor(st->st_rdev);
		return 0;
	case S_IFDIR:
	case S_IFIFO:
		return 0;
	case S_IFSOCK:
		return error_set(w->err, -EINVAL, "%s is a socket: sockets cannot be archived",
				 e->name);
	default:
		return error_set(w->err, -EINVAL, "%s has an unknown file type (mode %o)", e->name,
				 (unsigned)st->st_mode);
	}
}

static int walk_dir(struct walk *w, const char *path, const char *rel);

static int add_entry(struct walk *w, const char *dir, const char *dir_rel, const char *name)
{
	struct entry e = { .origin = w->root };
	char *path = join(dir, name);
	struct stat st;
	int r;

	e.name = dir_rel[0] ? join(dir_rel, name) : strdup(name);
	if (!path || !e.name) {
		r = error_system(w->err, -ENOMEM, "out of memory");
		goto out;
	}
	if (lstat(path, &st) < 0) {
		r = error_set(w->err, -errno, "cannot stat %s: %m", e.name);
		goto out;
	}
	e.mode = st.st_mode & (S_IFMT | 07777);
	r = fill_entry(w, &st, &path, &e);
	if (r < 0)
		goto out;
	if (S_ISDIR(st.st_mode))
		r = walk_dir(w, path, e.name);
	if (r < 0)
		goto out;
	r = entry_list_add(w->out, &e);
	if (r < 0)
		r = error_system(w->err, r, "out of memory");
out:
	entry_free(&e);
	free(path);
	return r;
}

static int walk_dir(struct walk *w, const char *path, const char *rel)
{
	struct dir_names ns = { 0 };
	size_t i;
	int r;

	r = read_names(w, path, rel, &ns);
	for (i = 0; r == 0 && i < ns.n; i++)
		r = add_entry(w, path, rel, ns.v[i]);
	dir_names_free(&ns);
	return r;
}

int tree_collect(const char *root, struct entry_list *out, struct error_record *err)
{
	struct walk w = { .root = root, .out = out, .err = err };
	struct stat st;

	if (stat(root, &st) < 0)
		return error_set(err, -errno, "cannot stat %s: %m", root);
	if (!S_ISDIR(st.st_mode))
		return error_set(err, -ENOTDIR, "cannot archive %s: %m", root);
	return walk_dir(&w, root, "");
}
