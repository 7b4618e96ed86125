/* A tar image (oci-archive or docker save, plain or gzip-compressed) unpacked
 * into a fresh directory. Only regular files and directories whose names are
 * an image layout's (oci-layout, index.json, blobs/ALG/HEX, docker save's
 * manifest.json, repositories, HEX.json, HEX.tar, HEX/{layer.tar,json,VERSION})
 * are written, plus the symbolic links docker save and skopeo make from one such
 * file to another (HEX/layer.tar -> ../HEX.tar), made hard links once the whole
 * archive is read: any other name, link or entry type (a device, a name with
 * "..") is refused by name, not skipped, since a file the image needs could hide
 * behind it. Only the "./" entry of the tar's root is ignored. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/io.h"
#include "reader.h"

static bool all_hex(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!s[i] || !strchr("0123456789abcdef", s[i]))
			return false;
	return true;
}

/* "HEX" (64 digits), then end or "/" or ".json"; returns what follows the digits or NULL. */
static const char *after_hex64(const char *name)
{
	return all_hex(name, 64) ? name + 64 : NULL;
}

static bool blob_name_ok(const char *rest, bool is_dir)
{
	if (strcmp(rest, "sha256") == 0 || strcmp(rest, "sha512") == 0)
		return is_dir;
	if (strncmp(rest, "sha256/", 7) == 0)
		return !is_dir && strlen(rest + 7) == 64 && all_hex(rest + 7, 64);
	if (strncmp(rest, "sha512/", 7) == 0)
		return !is_dir && strlen(rest + 7) == 128 && all_hex(rest + 7, 128);
	return false;
}

bool unpack_name_ok(const char *name, bool is_dir)
{
	static const char *const top[] = { "oci-layout", "index.json", "manifest.json",
					   "repositories", NULL };
	static const char *const in_layer[] = { "/layer.tar", "/json", "/VERSION", NULL };
	const char *rest;

	if (strcmp(name, "blobs") == 0)
		return is_dir;
	if (strncmp(name, "blobs/", 6) == 0)
		return blob_name_ok(name + 6, is_dir);
	for (const char *const *t = top; *t; t++)
		if (strcmp(name, *t) == 0)
			return !is_dir;
	rest = after_hex64(name);
	if (!rest)
		return false;
	if (!*rest)
		return is_dir;
	if (strcmp(rest, ".json") == 0 || strcmp(rest, ".tar") == 0)
		return !is_dir;
	for (const char *const *t = in_layer; *t; t++)
		if (strcmp(rest, *t) == 0)
			return !is_dir;
	return false;
}

/* A JSON document of the layout, as opposed to a blob or a layer tar. */
static bool is_small(const char *name)
{
	size_t len = strlen(name);

	return strncmp(name, "blobs/", 6) != 0 && !strstr(name, "/layer.tar") &&
	       !(len > 4 && !strcmp(name + len - 4, ".tar"));
}

static int parents_make(int dirfd, const char *name, struct error_record *e);

/* The links of the archive, made when every file is there. */
struct links {
	struct link {
		char name[BLOB_PATH_MAX];
		char target[BLOB_PATH_MAX]; /* resolved: a layout name */
	} * v;
	size_t n;
};

/* target, relative to name's directory, as a name of the layout, into out; false when it
 * leaves the layout or names none of its files. */
static bool link_target(const char *name, const char *target, char *out, size_t size)
{
	const char *slash = strchr(name, '/');
	int n;

	/* Names are at most one directory deep: "../X" from "DIR/NAME" is X. */
	if (slash && !strchr(slash + 1, '/') && strncmp(target, "../", 3) == 0)
		n = snprintf(out, size, "%s", target + 3);
	else if (strchr(target, '/'))
		return false;
	else if (slash)
		n = snprintf(out, size, "%.*s/%s", (int)(slash - name), name, target);
	else
		n = snprintf(out, size, "%s", target);
	return n > 0 && (size_t)n < size && !strstr(out, "..") && unpack_name_ok(out, false);
}

static int link_add(struct links *l, const char *name, const char *target, struct error_record *e)
{
	struct link *v = realloc(l->v, (l->n + 1) * sizeof(*v));

	if (!v)
		return error_system(e, -ENOMEM, "tar member %s: %m", name);
	l->v = v;
	if (!link_target(name, target, v[l->n].target, sizeof(v[l->n].target)))
		return error_set(e, -EINVAL,
				 "tar member %.200s: a link to %.200s, which is not a file of the "
				 "image layout",
				 name, target);
	snprintf(v[l->n].name, sizeof(v[l->n].name), "%s", name);
	l->n++;
	return 0;
}

static int links_make(const struct links *l, int dirfd, struct error_record *e)
{
	for (size_t i = 0; i < l->n; i++) {
		int r = parents_make(dirfd, l->v[i].name, e);

		if (r < 0)
			return r;
		if (linkat(dirfd, l->v[i].target, dirfd, l->v[i].name, 0) < 0)
			return errno == ENOENT ? error_set(e, -EINVAL,
							   "tar member %s: a link to %s, which "
							   "the archive does not hold",
							   l->v[i].name, l->v[i].target)
			       : errno == EEXIST
				   ? error_set(e, -EINVAL, "tar member %s appears twice",
					       l->v[i].name)
				   : error_system(e, -errno, "cannot link %s: %m", l->v[i].name);
	}
	return 0;
}

/* name without its "./" prefixes and a directory's trailing '/'. */
static const char *name_clean(const char *raw, char *buf, size_t size)
{
	size_t len;

	while (raw[0] == '.' && raw[1] == '/')
		raw += 2;
	len = strlen(raw);
	if (len >= size)
		return NULL;
	memcpy(buf, raw, len + 1);
	while (len > 0 && buf[len - 1] == '/')
		buf[--len] = '\0';
	return buf;
}

static int parents_make(int dirfd, const char *name, struct error_record *e)
{
	char path[BLOB_PATH_MAX];

	for (const char *s = strchr(name, '/'); s; s = strchr(s + 1, '/')) {
		memcpy(path, name, (size_t)(s - name));
		path[s - name] = '\0';
		if (mkdirat(dirfd, path, 0755) < 0 && errno != EEXIST)
			return error_system(e, -errno, "cannot make %s: %m", path);
	}
	return 0;
}

static int data_copy(struct archive *a, int fd, const char *name, struct error_record *e)
{
	char buf[65536];
	la_ssize_t n;

	while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) {
		int r = write_all(fd, buf, (size_t)n);

		if (r < 0)
			return error_system(e, r, "cannot write %s: %m", name);
	}
	if (n < 0)
		return error_set(e, -EINVAL, "tar member %s: %s", name, archive_error_string(a));
	return 0;
}

static int file_write(struct archive *a, int dirfd, const char *name, struct error_record *e)
{
	int fd, r = parents_make(dirfd, name, e);

	if (r < 0)
		return r;
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST)
		return error_set(e, -EINVAL, "tar member %s appears twice", name);
	if (fd < 0)
		return error_system(e, -errno, "cannot create %s: %m", name);
	r = data_copy(a, fd, name, e);
	if (close(fd) < 0 && r == 0)
		r = error_system(e, -errno, "cannot write %s: %m", name);
	return r;
}

static int name_refuse(const char *raw, struct error_record *e)
{
	if (raw[0] == '/')
		return error_set(e, -EINVAL, "tar member %.200s: an absolute name", raw);
	if (strstr(raw, ".."))
		return error_set(e, -EINVAL, "tar member %.200s: a name with \"..\"", raw);
	return error_set(e, -EINVAL, "tar member %.200s is not a file of an image layout", raw);
}

static int entry_unpack(struct archive *a, struct archive_entry *ent, int dirfd,
			struct links *links, struct error_record *e)
{
	const char *raw = archive_entry_pathname(ent);
	mode_t type = archive_entry_filetype(ent);
	char buf[BLOB_PATH_MAX];
	const char *name = raw ? name_clean(raw, buf, sizeof(buf)) : NULL;

	if (!raw)
		return error_set(e, -EINVAL, "a tar member has no name");
	if (type == AE_IFLNK && name && unpack_name_ok(name, false) && archive_entry_symlink(ent))
		return link_add(links, name, archive_entry_symlink(ent), e);
	if (archive_entry_hardlink(ent) || (type != AE_IFREG && type != AE_IFDIR))
		return error_set(e, -EINVAL,
				 "tar member %.200s is not a regular file or a directory", raw);
	if (name && !*name && type == AE_IFDIR)
		return 0;
	if (!name || !unpack_name_ok(name, type == AE_IFDIR))
		return name_refuse(raw, e);
	if (type == AE_IFDIR) {
		int r = parents_make(dirfd, name, e);

		if (r == 0 && mkdirat(dirfd, name, 0755) < 0 && errno != EEXIST)
			r = error_system(e, -errno, "cannot make %s: %m", name);
		return r;
	}
	if (is_small(name) && archive_entry_size(ent) > (la_int64_t)IMAGE_JSON_MAX)
		return error_set(e, -EINVAL, "tar member %s: larger than %u bytes", name,
				 IMAGE_JSON_MAX);
	return file_write(a, dirfd, name, e);
}

int unpack_tar(const char *path, int dirfd, struct error_record *e)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ent;
	struct links links = { 0 };
	int r = 0, st = ARCHIVE_OK;
	size_t count = 0;

	if (!a)
		return error_system(e, -ENOMEM, "%s: %m", path);
	archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		/* libarchive reads the first block at open, so a file not a tar fails here, with
		 * EILSEQ (its ARCHIVE_ERRNO_FILE_FORMAT on Linux) or its -1 (ARCHIVE_ERRNO_MISC).
		 */
		if (archive_errno(a) == EILSEQ || archive_errno(a) <= 0)
			r = error_set(e, -EINVAL, "%s: not a tar archive: %s", path,
				      archive_error_string(a));
		else
			r = error_system(e, -archive_errno(a), "%s: %s", path,
					 archive_error_string(a));
		archive_read_free(a);
		return r;
	}
	while (r == 0) {
		st = archive_read_next_header(a, &ent);
		if (st != ARCHIVE_OK && st != ARCHIVE_WARN)
			break;
		count++;
		r = entry_unpack(a, ent, dirfd, &links, e);
	}
	if (r == 0 && st != ARCHIVE_EOF)
		r = error_set(e, -EINVAL, "%s: %s%s", path,
			      count ? "" : "not a tar archive: ", archive_error_string(a));
	if (r == 0)
		r = links_make(&links, dirfd, e);
	free(links.v);
	archive_read_free(a);
	return r;
}
