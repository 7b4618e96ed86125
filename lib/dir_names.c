/* Reading a directory's names; see dir_names.h. */
#include "dir_names.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void dir_names_free(struct dir_names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	*names = (struct dir_names){ 0 };
}

static int add(struct dir_names *names, const char *name)
{
	if (names->n == names->cap) {
		size_t cap = names->cap ? 2 * names->cap : 16;
		char **v = realloc(names->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		names->v = v;
		names->cap = cap;
	}
	names->v[names->n] = strdup(name);
	if (!names->v[names->n])
		return -ENOMEM;
	names->n++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dir_names_read_unsorted(DIR *d, struct dir_names *names)
{
	int r = 0;

	*names = (struct dir_names){ 0 };
	while (r == 0) {
		struct dirent *de;

		/* readdir tells its end from an error only through errno, and
		 * add() may leave one behind that means nothing. */
		errno = 0;
		de = readdir(d);
		if (!de) {
			r = -errno;
			break;
		}
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			r = add(names, de->d_name);
	}
	if (r < 0)
		dir_names_free(names);
	return r;
}

int dir_names_read(DIR *d, struct dir_names *names)
{
	int r = dir_names_read_unsorted(d, names);

	if (r == 0 && names->n > 1)
		qsort(names->v, names->n, sizeof(*names->v), cmp_names);
	return r;
}

int dir_names_read_fd(int fd, struct dir_names *names)
{
	int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0), r;
	DIR *d = dup_fd < 0 ? NULL : fdopendir(dup_fd);

	*names = (struct dir_names){ 0 };
	if (!d) {
		r = -errno;
		if (dup_fd >= 0)
			close(dup_fd);
		return r;
	}
	/* The dup shares fd's position, which an earlier read may have moved. */
	rewinddir(d);
	r = dir_names_read_unsorted(d, names);
	closedir(d);
	return r;
}
