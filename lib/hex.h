/* Hex digits, as magic, mask and digest text spell bytes. */
#ifndef LIB_HEX_H
#define LIB_HEX_H

#include <stddef.h>

/* The value of one hex digit of either case, or -1. */
int hex_digit_value(char c);

/* Parse exactly 2 * len hex digits (either case) into len bytes. Returns 0
 * or -EINVAL. */
int hex_decode(const char *hex, unsigned char *out, size_t len);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes). */
void hex_encode(const unsigned char *bytes, size_t len, char *out);

#endif
