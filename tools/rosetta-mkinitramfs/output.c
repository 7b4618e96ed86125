/* Choosing where the archive goes, and putting it in place. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(struct output *o)
{
	free(o->path);
	o->path = NULL;
	o->fd = -1;
}

/* An existing device, FIFO or the like (/dev/stdout) is written in place: renaming over it
 * would replace it with a regular file. */
static int is_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

int output_open(struct output *o, const char *path, int flags, struct error_record *err)
{
	int r;

	memset(o, 0, sizeof(*o));
	o->fd = STDOUT_FILENO;
	o->tmp.fd = -1;
	if (!path)
		return 0;
	o->path = strdup(path);
	if (!o->path)
		return error_system(err, -ENOMEM, "out of memory");
	if (is_special(path)) {
		o->in_place = 1;
		o->fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (o->fd >= 0)
			return 0;
		r = error_system(err, -errno, "cannot open %s: %m", path);
	} else {
		r = tmpfile_open(&o->tmp, path, flags, err);
		o->fd = o->tmp.fd;
		if (r == 0)
			return 0;
	}
	release(o);
	return r;
}

const char *output_name(const struct output *o)
{
	return o->path ? o->path : "standard output";
}

void output_abort(struct output *o)
{
	if (!o->path)
		return;
	if (o->in_place)
		close(o->fd);
	else
		tmpfile_abort(&o->tmp);
	release(o);
}

int output_commit(struct output *o, struct error_record *err)
{
	int r = 0;

	if (!o->path)
		return 0;
	if (!o->in_place)
		r = tmpfile_commit(&o->tmp, err);
	else if (close(o->fd) < 0)
		r = error_system(err, -errno, "cannot write %s: %m", o->path);
	release(o);
	return r;
}
