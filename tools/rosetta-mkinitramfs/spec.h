/* Extra entries from a spec file, in a subset of the kernel's usr/gen_init_cpio syntax:
 *
 *   dir   NAME MODE UID GID
 *   nod   NAME MODE UID GID TYPE MAJ MIN     (TYPE c or b)
 *   slink NAME TARGET MODE UID GID
 *   file  NAME LOCATION MODE UID GID
 *
 * Fields are separated by blanks; lines whose first non-blank character is '#', and blank
 * lines, are ignored. MODE is octal (permission bits only, at most 07777). UID and GID must
 * be 0. NAME may start with "/" or "./", which is dropped. LOCATION is a host path, relative
 * to the current directory as in gen_init_cpio, and must be (or point to) a regular file. */
#ifndef MKINITRAMFS_SPEC_H
#define MKINITRAMFS_SPEC_H

#include <stdio.h>

#include "entry.h"
#include "mkerr.h"

/* Parses every line of f, named name in messages, appending entries to out. Each bad line
 * is reported into err as "NAME:LINE: what is wrong", and parsing goes on so that all of
 * them are reported; returns -EINVAL if there was any. */
int spec_parse_file(FILE *f, const char *name, struct entry_list *out, struct mkerr *err);

/* Opens path and parses it with spec_parse_file. */
int spec_load(const char *path, struct entry_list *out, struct mkerr *err);

#endif
