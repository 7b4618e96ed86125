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

#include <stddef.h>

#include "entry.h"
#include "lib/error.h"

/* Bounds on the input, so that a runaway file cannot make the tool read or keep without
 * end: far more than a real initramfs spec needs (a line holds two paths of at most
 * PATH_MAX bytes each). */
#define SPEC_FILE_MAX (16u << 20)
#define SPEC_LINE_MAX 16384u

/* Parses every line of text (len bytes, no NUL terminator needed), named name in messages,
 * appending entries to out. Each bad line, a line over SPEC_LINE_MAX bytes included, is
 * reported into err as "NAME:LINE: what is wrong", and parsing goes on so that all of them
 * are reported; returns -EINVAL if there was any. */
int spec_parse_text(const char *text, size_t len, const char *name, struct entry_list *out,
		    struct error_record *err);

/* Reads path, which must be a regular file of at most SPEC_FILE_MAX bytes, and parses it with
 * spec_parse_text. Anything else is refused with a message naming path and the cause. */
int spec_load(const char *path, struct entry_list *out, struct error_record *err);

#endif
