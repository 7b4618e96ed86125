/* Removing what a layer replaces or whites out: a name and, for a directory,
 * everything below it, each step relative to an open directory and never
 * through a symbolic link, so that a link in the tree cannot turn a removal
 * inside the root into one outside it. */
#ifndef MKROOT_REMOVE_TREE_H
#define MKROOT_REMOVE_TREE_H

/* rm -rf of name in the directory dirfd, not following symbolic links (a
 * link is removed, not its target). A name that is not there is no error.
 * Returns 0 or the -errno of the first removal that failed. */
int remove_tree_at(int dirfd, const char *name);

#endif
