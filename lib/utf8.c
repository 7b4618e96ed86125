/* UTF-8 checks and repair; see utf8.h. */
#include "utf8.h"

#include <errno.h>

size_t utf8_seq(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	/* The second byte's range is what rules out overlongs and surrogates. */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = utf8_seq(p);

		if (!n)
			return false;
		p += n;
	}
	return true;
}

int utf8_from_bytes(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = 0;

	if (size == 0)
		return -ENOSPC;
	while (*p) {
		size_t n = utf8_seq(p);
		unsigned char seq[4] = { (unsigned char)(0xc0 | *p >> 6),
					 (unsigned char)(0x80 | (*p & 0x3f)) };
		const unsigned char *from = n ? p : seq;
		size_t k = n ? n : 2;

		if (len + k >= size) {
			out[len] = '\0';
			return -ENOSPC;
		}
		for (size_t i = 0; i < k; i++)
			out[len++] = (char)from[i];
		p += n ? n : 1;
	}
	out[len] = '\0';
	return (int)len;
}
