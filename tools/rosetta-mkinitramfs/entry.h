/* The list of archive entries built from the tree and the spec file, and the order they are
 * written in.
 *
 * Order: paths are compared component by component, each component bytewise as unsigned
 * bytes, and a path sorts before every longer path it is a prefix of. Equivalently: bytewise,
 * with '/' ranked below every other byte. So "a" < "a/b" < "a/c" < "a-b": a directory comes
 * right before its contents, whatever the readdir order. */
#ifndef MKINITRAMFS_ENTRY_H
#define MKINITRAMFS_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

struct entry {
	char *name;	     /* archive path: relative, no leading "/" or "./" */
	uint32_t mode;	     /* file type and permission bits, setuid/setgid/sticky included */
	uint32_t rdev_major; /* character and block devices */
	uint32_t rdev_minor;
	uint64_t size;	    /* regular file: length of src; symlink: length of target */
	char *src;	    /* regular file: host path the data is read from at write time */
	char *target;	    /* symlink target, the entry's data */
	const char *origin; /* tree root or spec file, for messages; not owned */
	unsigned line;	    /* spec line, 0 for an entry found in the tree */
};

struct entry_list {
	struct entry *v;
	size_t n;
	size_t cap;
};

void entry_free(struct entry *e);
void entry_list_free(struct entry_list *l);

/* Moves *e into the list and clears *e. On failure (-ENOMEM) frees e's strings instead, so
 * the caller owns nothing in *e afterwards either way. */
int entry_list_add(struct entry_list *l, struct entry *e);

/* Moves every entry of src to the end of dst; src is left empty. */
int entry_list_append(struct entry_list *dst, struct entry_list *src);

/* Negative, zero or positive as path a sorts before, equal to or after path b. */
int entry_path_cmp(const char *a, const char *b);

/* Whether a regular file or symlink of that size fits a newc header. */
int entry_size_fits(uint64_t size);

/* Sorts the list, then checks that no path occurs twice and that every entry's parent is a
 * directory in the list. Reports every problem into err; -EINVAL if there was one. */
int entry_list_finish(struct entry_list *l, struct error_record *err);

#endif
