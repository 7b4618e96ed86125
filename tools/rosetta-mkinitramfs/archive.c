/* Entry list to newc stream. */
#include "archive.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/io.h"

#define READ_CHUNK 65536

struct ctx {
	struct cpio_out *o;
	const char *outname;
	struct error_record *err;
};

static int write_failed(struct ctx *c, int r)
{
	return error_system(c->err, r, "cannot write %s: %m", c->outname);
}

/* O_NONBLOCK: should the file have been swapped for a FIFO, fail below instead of hanging. */
#define OPEN_FLAGS (O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)

/* Tree entries are named by their archive path, spec entries by their line and location. */
static int read_failed(struct ctx *c, const struct entry *e, int errnum, const char *why)
{
	if (e->line) {
		int r = error_line(c->err, e->origin, e->line, "cannot read %s: %s", e->src,
				   why ? why : strerror(errnum));

		return errnum ? -errnum : r;
	}
	if (why)
		return error_set(c->err, -EINVAL, "cannot read %s: %s", e->name, why);
	return error_set(c->err, -errnum, "cannot read %s: %m", e->name);
}

static int copy_data(struct ctx *c, const struct entry *e, int fd)
{
	unsigned char buf[READ_CHUNK];
	uint64_t left = e->size;
	ssize_t n;

	while (left > 0) {
		int r;

		n = read_full(fd, buf, left < sizeof(buf) ? left : sizeof(buf));
		if (n < 0)
			return read_failed(c, e, (int)-n, NULL);
		if (n == 0)
			return read_failed(c, e, 0, "file shrank while being archived");
		r = cpio_write_data(c->o, buf, n);
		if (r < 0)
			return write_failed(c, r);
		left -= n;
	}
	n = read_full(fd, buf, 1);
	if (n < 0)
		return read_failed(c, e, (int)-n, NULL);
	if (n > 0)
		return read_failed(c, e, 0, "file grew while being archived");
	return 0;
}

static int write_file_data(struct ctx *c, const struct entry *e)
{
	int fd = open(e->src, OPEN_FLAGS);
	struct stat st;
	int r;

	if (fd < 0)
		return read_failed(c, e, errno, NULL);
	if (fstat(fd, &st) < 0)
		r = read_failed(c, e, errno, NULL);
	else if (!S_ISREG(st.st_mode))
		r = read_failed(c, e, 0, "no longer a regular file");
	else
		r = copy_data(c, e, fd);
	close(fd);
	return r;
}

static int write_entry(struct ctx *c, const struct entry *e, uint32_t ino, uint32_t mtime)
{
	struct cpio_hdr h = {
		.ino = ino,
		.mode = e->mode,
		.nlink = S_ISDIR(e->mode) ? 2 : 1,
		.mtime = mtime,
		.filesize = S_ISREG(e->mode) || S_ISLNK(e->mode) ? e->size : 0,
		.rdevmajor = e->rdev_major,
		.rdevminor = e->rdev_minor,
	};
	int r = cpio_write_header(c->o, &h, e->name);

	if (r == -EOVERFLOW)
		return error_set(c->err, -EOVERFLOW, "cannot archive %s: %m", e->name);
	if (r < 0)
		return write_failed(c, r);
	if (S_ISREG(e->mode)) {
		r = write_file_data(c, e);
		if (r < 0)
			return r;
	} else if (S_ISLNK(e->mode)) {
		r = cpio_write_data(c->o, e->target, e->size);
		if (r < 0)
			return write_failed(c, r);
	}
	r = cpio_pad(c->o, CPIO_ALIGN);
	return r < 0 ? write_failed(c, r) : 0;
}

int archive_write(const struct entry_list *l, uint32_t mtime, struct cpio_out *o,
		  const char *outname, struct error_record *err)
{
	struct ctx c = { .o = o, .outname = outname, .err = err };
	size_t i;
	int r;

	if (l->n >= CPIO_FIELD_MAX)
		return error_set(err, -EINVAL, "too many entries for a newc archive");
	for (i = 0; i < l->n; i++) {
		r = write_entry(&c, &l->v[i], i + 1, mtime);
		if (r < 0)
			return r;
	}
	r = cpio_write_trailer(o);
	return r < 0 ? write_failed(&c, r) : 0;
}
