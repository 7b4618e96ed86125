/* The fixed-size text fields of libbinfmt's records (names, interpreter
 * paths, flags): copying into them and telling whether they are
 * terminated. Private to libbinfmt. */
#ifndef BINFMT_FIELD_H
#define BINFMT_FIELD_H

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* Does s end within its size bytes? A record filled by hand need not. */
static inline bool field_terminated(const char *s, size_t size)
{
	return strnlen(s, size) < size;
}

/* Copy src into a field of size bytes. Returns 0 or -ENAMETOOLONG. */
static inline int field_copy(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);

	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(dst, src, len + 1);
	return 0;
}

#endif
