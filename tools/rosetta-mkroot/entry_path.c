/* Entry names normalized and quoted; see entry_path.h. */
#include "entry_path.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int entry_path_normalize(const char *name, char *out, size_t size)
{
	size_t len = 0;

	if (!name || size == 0)
		return -EINVAL;
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -EINVAL;
		if (n > 0 && !(n == 1 && p[0] == '.')) {
			if (len + (len > 0) + n >= size)
				return -ENAMETOOLONG;
			if (len > 0)
				out[len++] = '/';
			memcpy(out + len, p, n);
			len += n;
		}
		p += n + (p[n] == '/');
	}
	out[len] = '\0';
	return 0;
}

const char *entry_path_quote(const char *name, char *out, size_t size)
{
	static const char more[] = "...";
	size_t len = 0;

	if (size < sizeof(more) + 4)
		return size ? (out[0] = '\0', out) : out;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		/* Room for this byte's form and "..." after it. */
		if (len + 4 + sizeof(more) > size) {
			memcpy(out + len, more, sizeof(more));
			return out;
		}
		if (*p >= 0x20 && *p < 0x7f && *p != '\\')
			out[len++] = (char)*p;
		else
			len += (size_t)snprintf(out + len, 5, "\\x%02x", *p);
	}
	out[len] = '\0';
	return out;
}
