/* Text that must be valid UTF-8 (a JSON document) built from bytes that
 * need not be (entry names and paths are whatever the kernel holds). */
#ifndef LIB_UTF8_H
#define LIB_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0 if there is none. */
size_t utf8_seq(const unsigned char *s);

bool utf8_valid(const char *s);

/* Copy s into out (size bytes), each byte that starts no valid sequence
 * written as the code point of the same value (Latin-1), so that nothing is
 * lost and the result is valid. Returns the length, or -ENOSPC when out is
 * too small (out then holds a valid prefix). */
int utf8_from_bytes(const char *s, char *out, size_t size);

#endif
