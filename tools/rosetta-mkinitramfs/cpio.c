/* newc cpio encoding onto a write callback. */
#include "cpio.h"
#include "lib/array_size.h"

#include <errno.h>
#include <string.h>

int cpio_encode_header(char *out, const struct cpio_hdr *h)
{
	const uint64_t f[] = { h->ino,	     h->mode,	  h->uid,      h->gid,	    h->nlink,
			       h->mtime,     h->filesize, h->devmajor, h->devminor, h->rdevmajor,
			       h->rdevminor, h->namesize, h->check };
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int d;

	for (i = 0; i < ARRAY_SIZE(f); i++)
		if (f[i] > CPIO_FIELD_MAX)
			return -EOVERFLOW;
	for (i = 0; i < 6; i++)
		out[i] = CPIO_MAGIC[i];
	for (i = 0; i < ARRAY_SIZE(f); i++)
		for (d = 0; d < 8; d++)
			out[6 + i * 8 + d] = hex[(f[i] >> (28 - 4 * d)) & 0xf];
	return 0;
}

int cpio_write_data(struct cpio_out *o, const void *buf, size_t len)
{
	int r;

	if (len == 0)
		return 0;
	r = o->write(o->ctx, buf, len);
	if (r < 0)
		return r;
	o->off += len;
	return 0;
}

int cpio_pad(struct cpio_out *o, unsigned align)
{
	static const char zeros[CPIO_BLOCK];
	size_t n = (align - (o->off & (align - 1))) & (align - 1);

	return cpio_write_data(o, zeros, n);
}

int cpio_write_header(struct cpio_out *o, struct cpio_hdr *h, const char *name)
{
	char buf[CPIO_HDR_LEN];
	size_t len = strlen(name) + 1;
	int r;

	h->namesize = len;
	r = cpio_encode_header(buf, h);
	if (r == 0)
		r = cpio_write_data(o, buf, sizeof(buf));
	if (r == 0)
		r = cpio_write_data(o, name, len);
	if (r == 0)
		r = cpio_pad(o, CPIO_ALIGN);
	return r;
}

int cpio_write_trailer(struct cpio_out *o)
{
	struct cpio_hdr h = { .nlink = 1 };
	int r;

	r = cpio_write_header(o, &h, CPIO_TRAILER);
	if (r == 0)
		r = cpio_pad(o, CPIO_BLOCK);
	return r;
}
