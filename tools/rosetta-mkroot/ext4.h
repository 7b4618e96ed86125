/* rosetta-mkroot's ext4 product: an image made from a tree by mkfs.ext4 -d, and the one file
 * of it rosetta-mkroot reads back (its image configuration, through debugfs). Both programs
 * are e2fsprogs'. */
#ifndef MKROOT_EXT4_H
#define MKROOT_EXT4_H

#include <stddef.h>

#include "lib/error.h"

/* Make image (replacing nothing: the caller passes a new name) from the tree at dir: a sparse
 * file with the tree's size plus half of it, at least 256 MiB, for the guest's writes; root
 * owned by 0:0. Returns 0 or -errno. */
int ext4_make(const char *dir, const char *image, struct error_record *e);

/* The file path of the ext4 image into buf (NUL-ended, cut to size - 1). Returns 0, or -errno
 * when image is no ext4 image or has no such file (nothing recorded: the caller decides). */
int ext4_read_file(const char *image, const char *path, char *buf, size_t size);

#endif
