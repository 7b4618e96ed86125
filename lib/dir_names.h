/* The names in a directory, read whole and sorted before the caller acts
 * on any: acting during the readdir (adding or removing entries) would
 * disturb it, and a sorted list makes every listing and archive the same
 * from one machine to the next. */
#ifndef LIB_DIR_NAMES_H
#define LIB_DIR_NAMES_H

#include <dirent.h>
#include <stddef.h>

struct dir_names {
	char **v;
	size_t n, cap;
};

/* Every name in d but "." and "..", in strcmp order. Returns 0, -ENOMEM,
 * or readdir's -errno; names is empty after a failure. d stays open. */
int dir_names_read(DIR *d, struct dir_names *names);

/* The same in the order readdir gives them, for a directory whose order
 * means something: binfmt_misc lists its entries in the order the kernel
 * tries them. */
int dir_names_read_unsorted(DIR *d, struct dir_names *names);

/* The same (unsorted) for a directory open as fd, which stays open: a tree
 * walked relative to its fds, never by path. Returns 0, -ENOMEM, or the
 * -errno of the dup, fdopendir or readdir. */
int dir_names_read_fd(int fd, struct dir_names *names);

void dir_names_free(struct dir_names *names);

#endif
