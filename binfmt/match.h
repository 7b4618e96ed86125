/* Which files an entry claims, as the kernel's check_file() decides, and
 * whether two entries compete for the same files. */
#ifndef BINFMT_MATCH_H
#define BINFMT_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "entry_model.h"

/* Could one file header match both entries? (Both M with compatible bytes
 * under both masks where they overlap, or both E with the same extension.)
 * This is how `qemu-x86_64` is found to compete with `rosetta`. An M and
 * an E entry never overlap: one looks at content, the other at names. */
bool binfmt_entries_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b);

/* Do the first len bytes of a file (and its name, for E) match e? As in the
 * kernel's check_file(): header is the start of the file (the kernel reads
 * up to 256 bytes), bytes past len count as zero as in its zeroed buffer;
 * an E entry matches the text after the last '.' of filename (NULL: no
 * match). */
bool binfmt_entry_matches(const struct binfmt_entry *e, const unsigned char *header, size_t len,
			  const char *filename);

/* Is e an extension entry for exactly the len bytes of ext? */
bool binfmt_entry_has_extension(const struct binfmt_entry *e, const void *ext, size_t len);

#endif
