/* The aux vector; see auxv.h. */
#include "auxv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array_size.h"
#include "lib/whole_file.h"

/* The kernel writes at most a few dozen pairs. */
#define AUXV_FILE_MAX ((size_t)2 * RCTL_AUXV_MAX * sizeof(unsigned long) + 64)

static const struct {
	unsigned long type;
	const char *name;
} names[] = {
	{ 3, "AT_PHDR" },
	{ 4, "AT_PHENT" },
	{ 5, "AT_PHNUM" },
	{ 6, "AT_PAGESZ" },
	{ 7, "AT_BASE" },
	{ 8, "AT_FLAGS" },
	{ 9, "AT_ENTRY" },
	{ 11, "AT_UID" },
	{ 12, "AT_EUID" },
	{ 13, "AT_GID" },
	{ 14, "AT_EGID" },
	{ 15, "AT_PLATFORM" },
	{ 16, "AT_HWCAP" },
	{ 17, "AT_CLKTCK" },
	{ 23, "AT_SECURE" },
	{ 24, "AT_BASE_PLATFORM" },
	{ 25, "AT_RANDOM" },
	{ 26, "AT_HWCAP2" },
	{ 27, "AT_RSEQ_FEATURE_SIZE" },
	{ 28, "AT_RSEQ_ALIGN" },
	{ 29, "AT_HWCAP3" },
	{ 30, "AT_HWCAP4" },
	{ 31, "AT_EXECFN" },
	{ 33, "AT_SYSINFO_EHDR" },
	{ 51, "AT_MINSIGSTKSZ" },
};

static const unsigned long unknown_to_rosetta[] = { RCTL_AT_RSEQ_ALIGN, RCTL_AT_HWCAP3 };

int rctl_auxv_parse(const void *buf, size_t len, struct rctl_auxv *a)
{
	unsigned long pair[2];

	memset(a, 0, sizeof(*a));
	for (size_t off = 0; off + sizeof(pair) <= len; off += sizeof(pair)) {
		memcpy(pair, (const char *)buf + off, sizeof(pair));
		if (pair[0] == 0)
			return 0;
		if (a->n == RCTL_AUXV_MAX)
			return -E2BIG;
		a->type[a->n] = pair[0];
		a->value[a->n++] = pair[1];
	}
	return -EINVAL;
}

int rctl_auxv_read(const struct rctl_target *t, struct rctl_auxv *a)
{
	char path[PATH_MAX], *text;
	size_t len;
	int r;

	memset(a, 0, sizeof(*a));
	if (!rctl_proc_path(t, "self/auxv", path, sizeof(path)))
		return -ENAMETOOLONG;
	r = read_whole_file(path, AUXV_FILE_MAX, &text, &len);
	if (r < 0)
		return r;
	r = rctl_auxv_parse(text, len, a);
	free(text);
	return r;
}

bool rctl_auxv_get(const struct rctl_auxv *a, unsigned long type, unsigned long *value)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->type[i] == type) {
			*value = a->value[i];
			return true;
		}
	return false;
}

size_t rctl_auxv_unknown_to_rosetta(const struct rctl_auxv *a, unsigned long *out, size_t max)
{
	size_t n = 0;
	unsigned long v;

	for (size_t i = 0; i < ARRAY_SIZE(unknown_to_rosetta) && n < max; i++)
		if (rctl_auxv_get(a, unknown_to_rosetta[i], &v))
			out[n++] = unknown_to_rosetta[i];
	return n;
}

const char *rctl_auxv_name(unsigned long type)
{
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].type == type)
			return names[i].name;
	return NULL;
}

const char *rctl_auxv_types(const struct rctl_auxv *a, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->n && used < size; i++) {
		const char *name = rctl_auxv_name(a->type[i]);
		int n = snprintf(buf + used, size - used, "%s%lu%s%s", i ? ", " : "", a->type[i],
				 name ? " " : "", name ? name : "");

		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}
