/* Format files of Debian's update-binfmts(8) (/usr/share/binfmts/NAME):
 * "key value" lines: package, interpreter, magic, offset, mask, extension,
 * credentials, preserve, fix_binary (yes/no). detector is refused. */
#ifndef BINFMT_UPDATE_BINFMTS_H
#define BINFMT_UPDATE_BINFMTS_H

#include <stddef.h>

#include "source.h"

/* Parse one format file whose entry is named name (the file's name). On
 * success reports one entry, its line the serialized register string.
 * Returns 0, the number of bad lines (each reported), or the negative errno
 * the entry callback returned. */
int update_binfmts_parse_text(const char *text, size_t len, const char *name, const char *file,
			      const struct binfmt_sink *sink);

/* Read and parse a file: as update_binfmts_parse_text, or -errno when it
 * cannot be read (also reported). */
int update_binfmts_parse_file(const char *path, const struct binfmt_sink *sink);

#endif
