/* Directories, as the programs make the paths they are told to use. */
#ifndef LIB_FS_H
#define LIB_FS_H

#include <sys/types.h>

/* mkdir -p (libkmod, linked into the guest, has its own mkdir_p): make path and every missing
 * parent with mode (an existing directory, or anything else already there, is left alone; the
 * caller's next use of it says what is wrong). Returns 0, -ENAMETOOLONG past PATH_MAX, or the
 * -errno of the mkdir that failed. */
int make_dirs(const char *path, mode_t mode);

#endif
