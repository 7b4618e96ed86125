/* Writing a finished (sorted, checked) entry list as a newc archive: the headers with fixed
 * owner, time and inode numbers, the file and symlink data, and the trailer. */
#ifndef MKINITRAMFS_ARCHIVE_H
#define MKINITRAMFS_ARCHIVE_H

#include <stdint.h>

#include "cpio.h"
#include "entry.h"
#include "lib/error.h"

/* Every entry gets uid 0, gid 0, the given mtime, inode numbers 1, 2, ... in list order,
 * device 0:0, nlink 2 for directories and 1 for everything else (hard links become
 * independent files). Regular file data is read from entry.src now, and must still have the
 * size recorded when the list was built. outname names the output in write errors. */
int archive_write(const struct entry_list *l, uint32_t mtime, struct cpio_out *o,
		  const char *outname, struct error_record *err);

#endif
