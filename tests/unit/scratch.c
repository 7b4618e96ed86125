/* The unit tests' scratch directory; see scratch.h. */
#include "scratch.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include <cmocka.h>

/* Depth of the tree at which nftw starts reusing descriptors: far more than a test makes. */
#define OPEN_MAX_NFTW 16

struct scratch_name {
	struct scratch_name *next;
	char path[];
};

int scratch_make(struct scratch *s)
{
	const char *tmp = getenv("TMPDIR");
	size_t len;
	int n;

	s->names = NULL;
	if (!tmp || !*tmp)
		tmp = "/tmp";
	len = strlen(tmp);
	n = snprintf(s->dir, sizeof(s->dir), "%.*s/%s.XXXXXX",
		     (int)(len > 1 && tmp[len - 1] == '/' ? len - 1 : len), tmp,
		     program_invocation_short_name);
	if (n < 0 || (size_t)n >= sizeof(s->dir)) {
		s->dir[0] = '\0';
		return -ENAMETOOLONG;
	}
	if (!mkdtemp(s->dir)) {
		s->dir[0] = '\0';
		return -errno;
	}
	return 0;
}

const char *scratch_path(struct scratch *s, const char *rel)
{
	size_t size = strlen(s->dir) + 1 + strlen(rel) + 1;
	struct scratch_name *name = malloc(sizeof(*name) + size);

	if (!name) {
		fail_msg("no memory for the path of %s in %s", rel, s->dir);
		return NULL; /* not reached: fail_msg ends the test */
	}
	snprintf(name->path, size, "%s/%s", s->dir, rel);
	name->next = s->names;
	s->names = name;
	return name->path;
}

int scratch_write(const struct scratch *s, const char *rel, const void *data, size_t len,
		  mode_t mode)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", s->dir, rel);
	FILE *f;
	int r = 0;

	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	f = fopen(path, "we");
	if (!f)
		return -errno;
	if (fwrite(data, 1, len, f) != len)
		r = errno ? -errno : -EIO;
	if (fclose(f) != 0 && r == 0)
		r = errno ? -errno : -EIO;
	if (r == 0 && chmod(path, mode) < 0)
		r = -errno;
	return r;
}

int scratch_put(const struct scratch *s, const char *rel, const char *text, mode_t mode)
{
	return scratch_write(s, rel, text, strlen(text), mode);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 ? -errno : 0;
}

int scratch_remove_tree(const char *path)
{
	struct stat st;
	int r;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	r = nftw(path, remove_one, OPEN_MAX_NFTW, FTW_DEPTH | FTW_PHYS);
	if (r == -1)
		return -errno;
	return r;
}

int scratch_remove(struct scratch *s)
{
	int r = s->dir[0] ? scratch_remove_tree(s->dir) : 0;

	while (s->names) {
		struct scratch_name *next = s->names->next;

		free(s->names);
		s->names = next;
	}
	s->dir[0] = '\0';
	return r;
}

int scratch_setup(void **state)
{
	struct scratch *s = calloc(1, sizeof(*s));

	if (!s || scratch_make(s) < 0) {
		free(s);
		return -1;
	}
	*state = s;
	return 0;
}

int scratch_teardown(void **state)
{
	struct scratch *s = *state;
	int r = scratch_remove(s);

	free(s);
	*state = NULL;
	return r < 0 ? -1 : 0;
}

const char *scratch_install_test_prog(struct scratch *s, const char *name)
{
	char self[PATH_MAX], cmd[3 * PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *path = scratch_path(s, name);
	char *slash;

	if (n < 0 || chmod(s->dir, 0755) < 0)
		return NULL;
	self[n] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	snprintf(cmd, sizeof(cmd), "install -m 0755 %s/../test/%s %s", self, name, path);
	if (system(cmd) != 0 || access(path, X_OK) != 0) {
		fprintf(stderr, "no %s/../test/%s (built by make test-progs)\n", self, name);
		return NULL;
	}
	return path;
}
