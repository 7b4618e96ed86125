/* newc ("070701") cpio encoding as the kernel's initramfs unpacker reads it: a 110-byte
 * header of 13 eight-digit hex fields, the NUL-terminated name, the data, each padded to
 * 4 bytes, then a TRAILER!!! entry and zeros up to a multiple of 512. Pure: all output goes
 * through a write callback. */
#ifndef MKINITRAMFS_CPIO_H
#define MKINITRAMFS_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_MAGIC     "070701"
#define CPIO_HDR_LEN   110
#define CPIO_ALIGN     4
#define CPIO_BLOCK     512
#define CPIO_TRAILER   "TRAILER!!!"
#define CPIO_FIELD_MAX 0xffffffffULL

/* 64-bit fields so that a value too large for 8 hex digits is caught, not truncated. */
struct cpio_hdr {
	uint64_t ino;
	uint64_t mode;
	uint64_t uid;
	uint64_t gid;
	uint64_t nlink;
	uint64_t mtime;
	uint64_t filesize;
	uint64_t devmajor;
	uint64_t devminor;
	uint64_t rdevmajor;
	uint64_t rdevminor;
	uint64_t namesize;
	uint64_t check;
};

/* Returns 0 or a negative errno. */
typedef int (*cpio_write_fn)(void *ctx, const void *buf, size_t len);

struct cpio_out {
	cpio_write_fn write;
	void *ctx;
	uint64_t off; /* bytes written so far: padding is relative to the archive start */
};

/* Writes exactly CPIO_HDR_LEN bytes (no NUL) to out; -EOVERFLOW if a field does not fit. */
int cpio_encode_header(char *out, const struct cpio_hdr *h);

/* Header (namesize is set from name), name, NUL and padding to 4. */
int cpio_write_header(struct cpio_out *o, struct cpio_hdr *h, const char *name);

int cpio_write_data(struct cpio_out *o, const void *buf, size_t len);

/* Zeros up to the next multiple of align (a power of two). */
int cpio_pad(struct cpio_out *o, unsigned align);

/* The TRAILER!!! entry and zeros up to a multiple of CPIO_BLOCK. */
int cpio_write_trailer(struct cpio_out *o);

#endif
