/* The image's User as numbers; see image_user.h. The image's files are read
 * the way runc reads them (libcontainer/user): the first passwd or group
 * line whose name, or whose id, is what the image wrote wins. */
#include "image_user.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/in_root.h"
#include "lib/contract.h"
#include "lib/number.h"
#include "lib/whole_file.h"

#define ACCOUNTS_FILE_MAX ((size_t)4 << 20)
#define NAME_MAX_LEN	  256

/* One file of the image's: its text, NUL-ended; NULL when it has none. */
struct accounts {
	const char *path; /* as the image sees it */
	char *text;
};

static int accounts_read(int root_fd, struct accounts *a, struct error_record *e)
{
	size_t len = 0;
	char *text = NULL;
	int fd = in_root_open(root_fd, a->path, O_PATH | O_CLOEXEC, 0), r;
	struct stat st;

	a->text = NULL;
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return error_system(e, fd, "opening the image's %s: %m", a->path);
	/* Only a regular file is opened for reading: a device node of the image
	 * (made when running as root) could be the host's watchdog or disk. */
	r = fstat(fd, &st) < 0 ? -errno : S_ISREG(st.st_mode) ? 0 : -EINVAL;
	close(fd);
	if (r == -EINVAL)
		return error_set(e, r, "the image's %s is not a regular file", a->path);
	fd = r < 0 ? r : in_root_open(root_fd, a->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
	if (fd < 0)
		return error_system(e, fd, "opening the image's %s: %m", a->path);
	r = read_whole_fd(fd, ACCOUNTS_FILE_MAX, &text, &len);
	close(fd);
	if (r < 0)
		return error_system(e, r, "reading the image's %s: %m", a->path);
	a->text = realloc(text, len + 1);
	if (!a->text) {
		free(text);
		return error_system(e, -ENOMEM, "reading the image's %s: %m", a->path);
	}
	a->text[len] = '\0';
	return 0;
}

/* A decimal id rosetta-init takes. */
static bool parse_id(const char *s, unsigned long long *id)
{
	return parse_unsigned(s, 10, 0, USER_ID_MAX, id) == 0;
}

/* Field n (0-based) of a ':'-separated line into buf; false when the line
 * has fewer fields or it does not fit. */
static bool field(const char *line, size_t len, int n, char *buf, size_t size)
{
	const char *p = line, *end = line + len;

	for (; n > 0; n--) {
		p = memchr(p, ':', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	len = strcspn(p, ":\n");
	if (p + len > end)
		len = (size_t)(end - p);
	if (len >= size)
		return false;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return true;
}

/* Find the line whose name (field 0) is want, or whose id (field 2) is
 * want when want is a number; its field n as a number into *out. 1 found,
 * 0 not, -EINVAL when the found line's field is no id. */
static int lookup(const struct accounts *a, const char *want, int n, unsigned long long *out)
{
	unsigned long long wanted, id;
	bool numeric = parse_id(want, &wanted);

	for (const char *line = a->text; line && *line;) {
		size_t len = strcspn(line, "\n");
		char name[NAME_MAX_LEN], idtext[32];

		if (field(line, len, 0, name, sizeof(name)) &&
		    field(line, len, 2, idtext, sizeof(idtext)) &&
		    (!strcmp(name, want) || (numeric && parse_id(idtext, &id) && id == wanted))) {
			if (!field(line, len, n, idtext, sizeof(idtext)) || !parse_id(idtext, out))
				return -EINVAL;
			return 1;
		}
		line += len + (line[len] == '\n');
	}
	return 0;
}

static int resolve_user(const struct accounts *pw, const char *name, uid_t *uid, gid_t *gid,
			struct error_record *e)
{
	unsigned long long u, g = 0;
	int r = lookup(pw, name, 2, &u);

	if (r == 1)
		r = lookup(pw, name, 3, &g);
	if (r < 0)
		return error_set(e, -EINVAL, "the image's %s entry of user '%s' has no valid ids",
				 pw->path, name);
	if (r == 0 && !parse_id(name, &u))
		return error_set(e, -ENOENT, "user '%s' is not in the image's %s", name, pw->path);
	*uid = (uid_t)u;
	*gid = (gid_t)g; /* a uid no entry names gets gid 0, as in docker */
	return 0;
}

static int resolve_group(const struct accounts *gr, const char *name, gid_t *gid,
			 struct error_record *e)
{
	unsigned long long g;
	int r = lookup(gr, name, 2, &g);

	if (r < 0)
		return error_set(e, -EINVAL, "the image's %s entry of group '%s' has no valid gid",
				 gr->path, name);
	if (r == 0 && !parse_id(name, &g))
		return error_set(e, -ENOENT, "group '%s' is not in the image's %s", name, gr->path);
	*gid = (gid_t)g;
	return 0;
}

static int resolve(int root_fd, const char *user, const char *group, uid_t *uid, gid_t *gid,
		   struct error_record *e)
{
	struct accounts pw = { .path = "/etc/passwd" }, gr = { .path = "/etc/group" };
	int r = accounts_read(root_fd, &pw, e);

	if (r == 0)
		r = resolve_user(&pw, user, uid, gid, e);
	if (r == 0 && group)
		r = accounts_read(root_fd, &gr, e);
	if (r == 0 && group)
		r = resolve_group(&gr, group, gid, e);
	free(pw.text);
	free(gr.text);
	return r;
}

int image_user_resolve(int root_fd, const char *user, uid_t *uid, gid_t *gid,
		       struct error_record *e)
{
	char name[NAME_MAX_LEN];
	const char *colon = strchr(user, ':');
	size_t len = colon ? (size_t)(colon - user) : strlen(user);

	if (!*user) {
		*uid = 0;
		*gid = 0;
		return 0;
	}
	if (len >= sizeof(name) || len == 0 || (colon && !colon[1]))
		return error_set(e, -EINVAL, "the image's user '%.64s' is not NAME or NAME:GROUP",
				 user);
	memcpy(name, user, len);
	name[len] = '\0';
	return resolve(root_fd, name, colon ? colon + 1 : NULL, uid, gid, e);
}
