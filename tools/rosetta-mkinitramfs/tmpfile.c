/* Creating, naming, renaming and removing the temporary output file. Every step that creates,
 * renames or removes a name runs with SIGINT, SIGTERM and SIGHUP blocked, so that the signal
 * handler always knows the name there is to remove. */
#include "tmpfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"

#define ATTEMPTS 100 /* names tried before giving up; a clash is already unlikely */
#define BASE_MAX 200 /* of the target's name kept in the temporary one, to stay in NAME_MAX */

static void release(struct tmpfile *t)
{
	free(t->target);
	free(t->name);
	t->target = t->name = NULL;
	t->fd = -1;
}

/* 48 random bits: from getrandom, or where that cannot answer at once, from the clock, the
 * process id and the attempt number, which are still unlikely to repeat. */
static uint64_t random_bits(unsigned attempt)
{
	uint64_t v = 0;
	struct timespec ts;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != (ssize_t)sizeof(v)) {
		clock_gettime(CLOCK_REALTIME, &ts);
		v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
		    ((uint64_t)getpid() << 20) ^ ((uint64_t)attempt * 0x9e3779b97f4a7c15ULL);
	}
	return v & 0xffffffffffffULL;
}

/* "DIR/.BASE.XXXXXXXXXXXX" beside target, or NULL when out of memory. */
static char *temp_name(const char *target, unsigned attempt)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	int dirlen = (int)(base - target);
	char *s;

	if (asprintf(&s, "%.*s.%.*s.%012llx", dirlen, target, BASE_MAX, base,
		     (unsigned long long)random_bits(attempt)) < 0)
		return NULL;
	return s;
}

/* target's directory, as open(2) takes it; NULL when out of memory. */
static char *dir_of(const char *target)
{
	const char *slash = strrchr(target, '/');

	if (!slash)
		return strdup(".");
	return strndup(target, slash == target ? 1 : (size_t)(slash - target));
}

/* Whether linkat can name an unnamed file through /proc/self/fd, which needs no privilege. */
static int linkable(int fd)
{
	char proc[64];
	struct stat st;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return lstat(proc, &st) == 0;
}

/* O_TMPFILE, or -EOPNOTSUPP where it cannot be used (not in the kernel or the file system,
 * or no /proc to link the file through). */
static int open_unnamed(const char *dir)
{
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);

	if (fd < 0)
		return errno == EISDIR || errno == EINVAL ? -EOPNOTSUPP : -errno;
	if (linkable(fd))
		return fd;
	close(fd);
	return -EOPNOTSUPP;
}

static int open_named(struct tmpfile *t)
{
	unsigned attempt;
	sigset_t old;
	int r = -EEXIST;

	cleanup_block(&old);
	for (attempt = 0; attempt < ATTEMPTS && r == -EEXIST; attempt++) {
		free(t->name);
		t->name = temp_name(t->target, attempt);
		if (!t->name) {
			r = -ENOMEM;
			break;
		}
		t->fd = open(t->name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
		r = t->fd >= 0 ? 0 : -errno;
	}
	if (r == 0) {
		r = cleanup_arm(t->name);
		if (r < 0) {
			close(t->fd);
			unlink(t->name);
		}
	}
	cleanup_unblock(&old);
	return r;
}

int tmpfile_open(struct tmpfile *t, const char *target, int flags, struct error_record *err)
{
	char *dir = dir_of(target);
	int r = -EOPNOTSUPP;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->target = strdup(target);
	if (!t->target || !dir) {
		free(dir);
		release(t);
		return error_system(err, -ENOMEM, "out of memory");
	}
	if (!(flags & TMPFILE_NAMED)) {
		r = open_unnamed(dir);
		if (r >= 0)
			t->fd = r;
	}
	if (r == -EOPNOTSUPP)
		r = open_named(t);
	if (r < 0) {
		error_system(err, r, "cannot create a temporary file in %s for %s: %m", dir,
			     target);
		release(t);
	}
	free(dir);
	return r < 0 ? r : 0;
}

/* Gives the unnamed file a temporary name, through /proc/self/fd or, without /proc,
 * AT_EMPTY_PATH (which needs CAP_DAC_READ_SEARCH). Signals are blocked by the caller. */
static int link_unnamed(struct tmpfile *t)
{
	char proc[64];
	unsigned attempt;
	int r = -EEXIST;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", t->fd);
	for (attempt = 0; attempt < ATTEMPTS && r == -EEXIST; attempt++) {
		t->name = temp_name(t->target, attempt);
		if (!t->name)
			return -ENOMEM;
		if (linkat(AT_FDCWD, proc, AT_FDCWD, t->name, AT_SYMLINK_FOLLOW) == 0 ||
		    (errno == ENOENT && linkat(t->fd, "", AT_FDCWD, t->name, AT_EMPTY_PATH) == 0))
			return 0;
		r = -errno;
		free(t->name);
		t->name = NULL;
	}
	return r;
}

/* Removes and forgets the temporary name. Signals are blocked by the caller. */
static void drop_name(struct tmpfile *t)
{
	if (!t->name)
		return;
	unlink(t->name);
	cleanup_disarm(t->name);
	free(t->name);
	t->name = NULL;
}

/* The steps of tmpfile_commit after fsync. Signals are blocked by the caller. */
static int put_in_place(struct tmpfile *t, struct error_record *err)
{
	int fd = t->fd;

	if (!t->name) {
		int r = link_unnamed(t);

		if (r < 0)
			return error_system(err, r, "cannot name the new %s: %m", t->target);
	}
	t->fd = -1;
	if (close(fd) < 0)
		return error_system(err, -errno, "cannot write %s: %m", t->target);
	if (rename(t->name, t->target) < 0)
		return error_system(err, -errno, "cannot rename %s to %s: %m", t->name, t->target);
	cleanup_disarm(t->name);
	return 0;
}

int tmpfile_commit(struct tmpfile *t, struct error_record *err)
{
	sigset_t old;
	int r = 0;

	/* EINVAL: a file system that has nothing to flush. */
	if (fsync(t->fd) < 0 && errno != EINVAL)
		r = error_system(err, -errno, "cannot write %s: %m", t->target);
	if (r == 0) {
		cleanup_block(&old);
		r = put_in_place(t, err);
		if (r < 0)
			drop_name(t);
		cleanup_unblock(&old);
	}
	if (r < 0)
		tmpfile_abort(t);
	else
		release(t);
	return r;
}

void tmpfile_abort(struct tmpfile *t)
{
	sigset_t old;

	if (t->fd >= 0)
		close(t->fd);
	cleanup_block(&old);
	drop_name(t);
	cleanup_unblock(&old);
	release(t);
}
