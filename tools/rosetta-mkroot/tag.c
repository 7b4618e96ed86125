/* Tags: which of an image's names the user's ":TAG" picks, and the list of the
 * names an error offers instead. */
#include <stdio.h>
#include <string.h>

#include "reader.h"

/* "latest" picks "latest", and "docker.io/library/alpine:latest" too: a user cannot
 * write the registry's ':' in IMAGE:TAG, which splits at the last ':'. */
bool tag_matches(const char *name, const char *tag)
{
	size_t n = strlen(name), t = strlen(tag);

	if (strcmp(name, tag) == 0)
		return true;
	return n > t && name[n - t - 1] == ':' && strcmp(name + n - t, tag) == 0;
}

void name_list_add(char *list, size_t size, const char *name)
{
	size_t used = strlen(list), len = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
			return;
		p += len;
	}
	if (used + 2 + len + 1 > size)
		return; /* a list past size is cut short, as its message would be */
	snprintf(list + used, size - used, "%s%s", used ? ", " : "", name);
}
