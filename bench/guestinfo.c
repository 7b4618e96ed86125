/* Reading the guest's /proc; see guestinfo.h. */
#include "guestinfo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmdline_value(const char *key, char *buf, size_t size)
{
	char line[4096], *word, *save = NULL;
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/cmdline", "re");

	if (!f)
		return -errno;
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	for (word = strtok_r(line, " \n", &save); word; word = strtok_r(NULL, " \n", &save)) {
		size_t len;

		if (strncmp(word, key, klen) != 0 || word[klen] != '=')
			continue;
		len = strlen(word + klen + 1);
		if (len >= size)
			return -ENAMETOOLONG;
		memcpy(buf, word + klen + 1, len + 1);
		return 0;
	}
	return -ENOENT;
}

/* The text after "FIELD" and sep on the line of path that starts so, up to
 * the end of the line, into buf. 0, -ENOENT, -ENAMETOOLONG or -errno. */
static int field_line(const char *path, const char *field, char sep, char *buf, size_t size)
{
	char line[512];
	size_t flen = strlen(field);
	int r = -ENOENT;
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	while (r == -ENOENT && fgets(line, sizeof(line), f)) {
		size_t len;

		if (strncmp(line, field, flen) != 0 || line[flen] != sep)
			continue;
		line[strcspn(line, "\n")] = '\0';
		len = strlen(line + flen + 1);
		r = len < size ? 0 : -ENAMETOOLONG;
		if (!r)
			memcpy(buf, line + flen + 1, len + 1);
	}
	fclose(f);
	return r;
}

long status_kb(int pid, const char *field)
{
	char path[32], value[64];
	int r;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	r = field_line(path, field, ':', value, sizeof(value));
	return r < 0 ? r : strtol(value, NULL, 10);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int loaded_modules(char *buf, size_t size)
{
	char names[64][64], *sorted[64], line[512];
	size_t n = 0, len = 0;
	FILE *f = fopen("/proc/modules", "re");

	if (!f)
		return -errno;
	while (n < 64 && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s", names[n]) == 1) {
			sorted[n] = names[n];
			n++;
		}
	fclose(f);
	qsort(sorted, n, sizeof(sorted[0]), cmp_str);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + len, size - len, "%s%s", i ? "," : "", sorted[i]);

		if (w < 0 || (size_t)w >= size - len)
			return -ENAMETOOLONG;
		len += (size_t)w;
	}
	return 0;
}

int binfmt_field(const char *name, const char *field, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/fs/binfmt_misc/%s", name);
	return field_line(path, field, ' ', buf, size);
}
