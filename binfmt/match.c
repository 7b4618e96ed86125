/* Which files an entry claims: matching a file header (and name) as the
 * kernel's check_file() does, and whether two entries can claim one file. */
#include "match.h"

#include <string.h>

/* Overlap and matching read magic and mask by index: refuse entries whose
 * lengths do not describe their arrays. */
static bool usable_magic(const struct binfmt_entry *e)
{
	return e->type == 'M' && e->magic_len <= BINFMT_MAGIC_MAX &&
	       (e->mask_len == 0 || e->mask_len == e->magic_len);
}

static unsigned char mask_at(const struct binfmt_entry *e, size_t i)
{
	return e->mask_len ? e->mask[i] : 0xff;
}

bool binfmt_entry_has_extension(const struct binfmt_entry *e, const void *ext, size_t len)
{
	return e->type == 'E' && e->magic_len == len && len <= sizeof(e->magic) &&
	       !memcmp(e->magic, ext, len);
}

/* A byte can satisfy both entries unless they demand different values of a
 * bit both masks keep. Where the windows do not overlap nothing conflicts. */
bool binfmt_entries_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	size_t from, to;

	if (a->type == 'E')
		return binfmt_entry_has_extension(b, a->magic, a->magic_len);
	if (!usable_magic(a) || !usable_magic(b))
		return false;
	from = a->offset > b->offset ? a->offset : b->offset;
	to = a->offset + a->magic_len;
	if (b->offset + b->magic_len < to)
		to = b->offset + b->magic_len;
	for (size_t pos = from; pos < to; pos++) {
		size_t i = pos - a->offset, j = pos - b->offset;

		if ((a->magic[i] ^ b->magic[j]) & mask_at(a, i) & mask_at(b, j))
			return false;
	}
	return true;
}

bool binfmt_entry_matches(const struct binfmt_entry *e, const unsigned char *header, size_t len,
			  const char *filename)
{
	if (e->type == 'E') {
		const char *dot = filename ? strrchr(filename, '.') : NULL;

		return dot && binfmt_entry_has_extension(e, dot + 1, strlen(dot + 1));
	}
	if (!usable_magic(e))
		return false;
	for (size_t i = 0; i < e->magic_len; i++) {
		size_t pos = (size_t)e->offset + i;
		unsigned char byte = pos < len ? header[pos] : 0;

		if ((byte ^ e->magic[i]) & mask_at(e, i))
			return false;
	}
	return true;
}
