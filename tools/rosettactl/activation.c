/* The activation state file; see activation.h. One word and a value per
 * line: "entry NAME", "rival NAME", "unnamed COUNT" (rivals disabled past
 * what the file names), and '#' comments. */
#include "activation.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/entry_model.h"
#include "lib/fs.h"
#include "lib/io.h"
#include "lib/number.h"
#include "lib/whole_file.h"

/* Larger than any file activation_write makes. */
#define STATE_MAX ((size_t)(RIVALS_MAX + 4) * (BINFMT_NAME_MAX + 16))

static const char header[] = "# rosettactl activate: what rosettactl deactivate undoes\n";

/* One line, its newline replaced by a NUL. */
static int read_line(struct activation *a, char *line)
{
	char *value = strchr(line, ' ');
	unsigned long long n;

	if (!*line || *line == '#')
		return 0;
	if (!value)
		return -EINVAL;
	*value++ = '\0';
	if (!strcmp(line, "unnamed")) {
		if (parse_unsigned(value, 10, 0, 1000000, &n) < 0)
			return -EINVAL;
		a->rivals.unnamed += (unsigned int)n;
		return 0;
	}
	if (binfmt_name_validate(value, NULL) < 0)
		return -EINVAL;
	if (!strcmp(line, "entry"))
		snprintf(a->entry, sizeof(a->entry), "%s", value);
	else if (!strcmp(line, "rival"))
		rivals_add(&a->rivals, value);
	else
		return -EINVAL;
	return 0;
}

static int parse(struct activation *a, char *text, unsigned int *bad_line)
{
	unsigned int no = 0;

	for (char *line = text, *end; *line; line = end) {
		end = line + strcspn(line, "\n");
		if (*end)
			*end++ = '\0';
		no++;
		if (read_line(a, line) < 0) {
			*bad_line = no;
			return -EINVAL;
		}
	}
	return 0;
}

int activation_read(const char *path, struct activation *a, unsigned int *bad_line)
{
	char *text, *z;
	size_t len;
	int r;

	memset(a, 0, sizeof(*a));
	*bad_line = 0;
	r = read_whole_file(path, STATE_MAX, &text, &len);
	if (r < 0)
		return r;
	z = realloc(text, len + 1);
	if (!z) {
		free(text);
		return -ENOMEM;
	}
	z[len] = '\0';
	/* A NUL inside would end the text early: not a file of ours. */
	r = strlen(z) == len ? parse(a, z, bad_line) : -EINVAL;
	if (r == -EINVAL && !*bad_line)
		*bad_line = 1;
	free(z);
	return r;
}

void activation_merge(struct activation *a, const char *entry, const struct rivals *disabled)
{
	snprintf(a->entry, sizeof(a->entry), "%s", entry);
	for (unsigned int i = 0; i < disabled->n; i++)
		rivals_add(&a->rivals, disabled->names[i]);
	a->rivals.unnamed += disabled->unnamed;
}

static int format(const struct activation *a, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "%s", header);

	if (a->entry[0])
		len += (size_t)snprintf(buf + len, size - len, "entry %s\n", a->entry);
	for (unsigned int i = 0; i < a->rivals.n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "rival %s\n", a->rivals.names[i]);
	if (a->rivals.unnamed && len < size)
		len += (size_t)snprintf(buf + len, size - len, "unnamed %u\n", a->rivals.unnamed);
	return len < size ? (int)len : -E2BIG;
}

/* path's directory, made when missing. */
static int make_parent(const char *path)
{
	char dir[PATH_MAX];

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	return make_dirs(dirname(dir), 0755);
}

int activation_write(const char *path, const struct activation *a)
{
	char buf[STATE_MAX], tmp[PATH_MAX];
	int fd, r, len = format(a, buf, sizeof(buf));

	if (len < 0)
		return len;
	if (snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	r = make_parent(path);
	if (r < 0)
		return r;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -errno;
	r = write_all(fd, buf, (size_t)len);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

int activation_forget(const char *path)
{
	return unlink(path) < 0 && errno != ENOENT ? -errno : 0;
}
