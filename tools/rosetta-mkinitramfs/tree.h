/* Walking the directory tree given on the command line into archive entries. */
#ifndef MKINITRAMFS_TREE_H
#define MKINITRAMFS_TREE_H

#include "entry.h"
#include "lib/error.h"

/* Adds an entry for everything below root (not root itself), found with lstat: symlinks are
 * archived as symlinks, never followed. Regular files are only recorded here (host path and
 * size); their data is read when the archive is written. Sockets, files too large for newc
 * and unreadable directories are errors. Entries are appended unsorted; the first error
 * stops the walk and is reported into err. */
int tree_collect(const char *root, struct entry_list *out, struct error_record *err);

#endif
