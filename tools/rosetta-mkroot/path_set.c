/* A set of path strings, hashed with open addressing; see path_set.h. */
#include "path_set.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a over the first len bytes. */
static size_t hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot holding s (its first len bytes), or the free one where it goes. */
static size_t find(char *const *slot, size_t cap, const char *s, size_t len)
{
	size_t i = hash(s, len) & (cap - 1);

	while (slot[i] && !(strlen(slot[i]) == len && !memcmp(slot[i], s, len)))
		i = (i + 1) & (cap - 1);
	return i;
}

static int grow(struct path_set *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64;
	char **slot = calloc(cap, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	for (size_t i = 0; i < set->cap; i++)
		if (set->slot[i])
			slot[find(slot, cap, set->slot[i], strlen(set->slot[i]))] = set->slot[i];
	free(set->slot);
	set->slot = slot;
	set->cap = cap;
	return 0;
}

/* Add the first len bytes of path; 1 when they were there already. */
static int add_one(struct path_set *set, const char *path, size_t len)
{
	size_t i;

	if ((set->count + 1) * 2 > set->cap && grow(set) < 0)
		return -ENOMEM;
	i = find(set->slot, set->cap, path, len);
	if (set->slot[i])
		return 1;
	set->slot[i] = strndup(path, len);
	if (!set->slot[i])
		return -ENOMEM;
	set->count++;
	return 0;
}

int path_set_add(struct path_set *set, const char *path)
{
	/* From the path up; a parent already there has its own parents. */
	for (size_t len = strlen(path); len > 0;) {
		int r = add_one(set, path, len);

		if (r != 0)
			return r < 0 ? r : 0;
		while (len > 0 && path[len - 1] != '/')
			len--;
		if (len > 0)
			len--;
	}
	return 0;
}

bool path_set_has(const struct path_set *set, const char *path)
{
	return set->cap && set->slot[find(set->slot, set->cap, path, strlen(path))];
}

void path_set_free(struct path_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	set->slot = NULL;
	set->cap = set->count = 0;
}
