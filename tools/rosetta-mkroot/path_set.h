/*
 * The paths one layer has written, with every directory above them: what an
 * opaque directory or a whiteout in the same layer must leave alone, since
 * the OCI layer rules hide only the layers below, whatever the order of the
 * entries in the tar.
 */
#ifndef MKROOT_PATH_SET_H
#define MKROOT_PATH_SET_H

#include <stdbool.h>
#include <stddef.h>

struct path_set {
	char **slot; /* open addressing; NULL is free */
	size_t cap, count;
};

/* Add path ("a/b/c", normalized) and its parents "a/b" and "a". Returns 0
 * or -ENOMEM. */
int path_set_add(struct path_set *set, const char *path);

bool path_set_has(const struct path_set *set, const char *path);

void path_set_free(struct path_set *set);

#endif
