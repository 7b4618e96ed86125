/* Temporary output file and its atomic replacement of the target. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(struct output *o)
{
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fd = -1;
}

/* An existing device, FIFO or the like (/dev/stdout) is written in place: renaming over it
 * would replace it with a regular file. */
static int is_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

int output_open(struct output *o, const char *path, struct mkerr *err)
{
	const char *opened;
	int r;

	memset(o, 0, sizeof(*o));
	o->fd = STDOUT_FILENO;
	if (!path)
		return 0;
	o->path = strdup(path);
	if (!o->path)
		return mkerr_set(err, MKERR_SYSTEM, ENOMEM, "out of memory");
	if (is_special(path)) {
		opened = path;
		o->fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	} else if (asprintf(&o->tmp, "%s.tmp", path) < 0) {
		o->tmp = NULL;
		release(o);
		return mkerr_set(err, MKERR_SYSTEM, ENOMEM, "out of memory");
	} else {
		opened = o->tmp;
		o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
	}
	if (o->fd >= 0)
		return 0;
	r = mkerr_set(err, MKERR_SYSTEM, errno, "cannot create %s", opened);
	release(o);
	return r;
}

const char *output_name(const struct output *o)
{
	return o->path ? o->path : "standard output";
}

void output_abort(struct output *o)
{
	if (o->path && o->fd >= 0)
		close(o->fd);
	if (o->tmp)
		unlink(o->tmp);
	release(o);
}

int output_commit(struct output *o, struct mkerr *err)
{
	int fd = o->fd;
	int r = 0;

	if (!o->path)
		return 0;
	o->fd = -1;
	if (close(fd) < 0)
		r = mkerr_set(err, MKERR_SYSTEM, errno, "cannot write %s",
			      o->tmp ? o->tmp : o->path);
	else if (o->tmp && rename(o->tmp, o->path) < 0)
		r = mkerr_set(err, MKERR_SYSTEM, errno, "cannot rename %s to %s", o->tmp, o->path);
	if (r < 0)
		output_abort(o);
	else
		release(o);
	return r;
}
