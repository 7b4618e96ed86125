/*
 * A layer entry's name made into a path relative to the root, and shown in a
 * message. Names are taken relative to the root whatever their form ("/etc",
 * "./etc" and "etc" are one path), as tar and the OCI image layer rules do; a
 * ".." component is refused rather than clamped, since no honest layer writer
 * makes one and clamping would write somewhere the layer did not name.
 */
#ifndef MKROOT_ENTRY_PATH_H
#define MKROOT_ENTRY_PATH_H

#include <stddef.h>

/* name without leading "/" and "./", empty and "." components, or a trailing
 * "/": "a/b/c", or "" for the root itself. Returns 0, -EINVAL for a ".."
 * component (or no name), -ENAMETOOLONG when out (size bytes) is too small. */
int entry_path_normalize(const char *name, char *out, size_t size);

/* name for a message, its bytes outside printable ASCII written "\xNN" so
 * that a hostile name cannot drive the terminal; cut short (ending in "...")
 * to fit out. Returns out. */
const char *entry_path_quote(const char *name, char *out, size_t size);

#endif
