/* binfmt.d(5): which files systemd-binfmt reads (conf_files_list over the
 * binfmt.d directories) and how it reads them (read_line, strstrip, comment
 * characters), so that `binfmtctl load` registers what systemd would. */
#include "binfmtd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

const char *const binfmtd_dirs[] = {
	"/etc/binfmt.d", "/run/binfmt.d", "/usr/local/lib/binfmt.d", "/usr/lib/binfmt.d", NULL,
};

/* A binfmt.d file is small; this only bounds memory on a runaway file. */
#define BINFMTD_FILE_MAX ((size_t)16 << 20)

/* ---- collecting files ---- */

/* A file name claimed by the first directory holding it. path is NULL when
 * that file masks the name. */
struct claim {
	char *name;
	char *path;
};

struct claims {
	struct claim *v;
	size_t n, cap;
};

enum kind { KIND_FILE, KIND_MASK, KIND_SKIP };

static char *join(const char *a, const char *b, const char *c)
{
	char *s = NULL;

	return asprintf(&s, "%s%s%s", a, b, c) < 0 ? NULL : s;
}

/* conf-files.c: names starting with '.' are hidden, and only *.conf count. */
static bool is_conf_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 5 && !strcmp(name + len - 5, ".conf");
}

/* An empty file or a link to /dev/null masks the name. So does a dangling
 * link: systemd lists it, then ignores it when it cannot be opened. A
 * directory does not claim the name. A file we cannot stat is kept, so that
 * reading it reports why. The link target is checked as text because under
 * a root other than / the link's /dev/null is not there to stat. */
static enum kind classify(const char *path)
{
	char target[16];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	struct stat st;

	if (n > 0) {
		target[n] = '\0';
		if (!strcmp(target, "/dev/null"))
			return KIND_MASK;
	}
	if (stat(path, &st) < 0)
		return errno == ENOENT ? KIND_MASK : KIND_FILE;
	if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3))
		return KIND_MASK;
	if (!S_ISREG(st.st_mode))
		return KIND_SKIP;
	return st.st_size == 0 ? KIND_MASK : KIND_FILE;
}

static bool claimed(const struct claims *cs, const char *name)
{
	for (size_t i = 0; i < cs->n; i++)
		if (!strcmp(cs->v[i].name, name))
			return true;
	return false;
}

static int claim(struct claims *cs, const char *name, char *path)
{
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? 2 * cs->cap : 16;
		struct claim *v = realloc(cs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		cs->v = v;
		cs->cap = cap;
	}
	cs->v[cs->n].name = strdup(name);
	if (!cs->v[cs->n].name)
		return -ENOMEM;
	cs->v[cs->n++].path = path;
	return 0;
}

static int add_entry(struct claims *cs, const char *dir, const char *name)
{
	char *path;
	enum kind k;

	if (!is_conf_name(name) || claimed(cs, name))
		return 0;
	path = join(dir, "/", name);
	if (!path)
		return -ENOMEM;
	k = classify(path);
	if (k == KIND_SKIP || k == KIND_MASK) {
		free(path);
		path = NULL;
	}
	if (k == KIND_SKIP)
		return 0;
	if (claim(cs, name, path) < 0) {
		free(path);
		return -ENOMEM;
	}
	return 0;
}

static int scan_dir(struct claims *cs, const char *dir)
{
	DIR *d = opendir(dir);
	int r = 0;

	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	/* readdir() tells its end from an error only through errno, which
	 * add_entry()'s calls may set. */
	while (r == 0) {
		struct dirent *de;

		errno = 0;
		de = readdir(d);
		if (!de) {
			r = -errno;
			break;
		}
		r = add_entry(cs, dir, de->d_name);
	}
	closedir(d);
	return r;
}

static int cmp_claims(const void *a, const void *b)
{
	return strcmp(((const struct claim *)a)->name, ((const struct claim *)b)->name);
}

/* Hand the unmasked paths over to out, sorted by file name. */
static int take_paths(struct claims *cs, struct binfmtd_files *out)
{
	if (cs->n > 1)
		qsort(cs->v, cs->n, sizeof(*cs->v), cmp_claims);
	out->paths = calloc(cs->n ? cs->n : 1, sizeof(*out->paths));
	if (!out->paths)
		return -ENOMEM;
	for (size_t i = 0; i < cs->n; i++) {
		if (cs->v[i].path)
			out->paths[out->count++] = cs->v[i].path;
		cs->v[i].path = NULL;
	}
	return 0;
}

static void claims_free(struct claims *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->v[i].name);
		free(cs->v[i].path);
	}
	free(cs->v);
}

/* root "/" or "x/" would give "//etc" or "x//etc": drop trailing slashes. */
static char *rooted(const char *root, const char *dir)
{
	size_t len = root ? strlen(root) : 0;
	char *prefix, *path;

	while (len > 0 && root[len - 1] == '/')
		len--;
	prefix = strndup(root ? root : "", len);
	if (!prefix)
		return NULL;
	path = join(prefix, "", dir);
	free(prefix);
	return path;
}

int binfmtd_collect(const char *root, const char *const *dirs, struct binfmtd_files *out)
{
	struct claims cs = { 0 };
	int r = 0;

	out->paths = NULL;
	out->count = 0;
	for (size_t i = 0; r == 0 && dirs[i]; i++) {
		char *dir = rooted(root, dirs[i]);

		r = dir ? scan_dir(&cs, dir) : -ENOMEM;
		free(dir);
	}
	if (r == 0)
		r = take_paths(&cs, out);
	claims_free(&cs);
	if (r < 0)
		binfmtd_files_free(out);
	return r;
}

void binfmtd_files_free(struct binfmtd_files *files)
{
	for (size_t i = 0; i < files->count; i++)
		free(files->paths[i]);
	free(files->paths);
	files->paths = NULL;
	files->count = 0;
}

/* ---- reading files ---- */

/* systemd's read_line(): a line ends at \n, \r or NUL, and one ending may
 * combine one of each ("\r\n", "\n\r\0"), nothing after a NUL. Returns
 * where the next line starts. */
static size_t skip_line_end(const char *text, size_t at, size_t len)
{
	unsigned int seen = 0;

	for (; at < len; at++) {
		unsigned int kind = text[at] == '\n' ? 1 : text[at] == '\r' ? 2 : text[at] ? 0 : 4;

		if (kind == 0 || (seen & kind) || (seen & 4))
			break;
		seen |= kind;
	}
	return at;
}

/* strstrip(): systemd's WHITESPACE is " \t\n\r". */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void report_error(const struct binfmt_sink *sink, int err, const char *file,
			 unsigned int line)
{
	struct binfmt_origin at = { .file = file, .line = line };

	if (sink->error)
		sink->error(sink->arg, err, &at);
}

/* The entry with its line as systemd-binfmt would write it to the kernel.
 * Returns what the callback returns. */
static int report_entry(const struct binfmt_sink *sink, const struct binfmt_entry *e, const char *s,
			size_t len, const struct binfmt_origin *at)
{
	char line[BINFMT_REGISTER_MAX + 1];

	if (!sink->entry)
		return 0;
	memcpy(line, s, len); /* it parsed, so len <= BINFMT_REGISTER_MAX */
	line[len] = '\0';
	return sink->entry(sink->arg, e, line, at);
}

/* The next line from *at, stripped of blanks as strstrip() does; moves *at
 * past the line's end. */
static void next_line(const char *text, size_t len, size_t *at, size_t *start, size_t *end)
{
	size_t s = *at, e = *at;

	while (e < len && text[e] != '\n' && text[e] != '\r' && text[e])
		e++;
	*at = skip_line_end(text, e, len);
	while (s < e && is_blank(text[s]))
		s++;
	while (e > s && is_blank(text[e - 1]))
		e--;
	*start = s;
	*end = e;
}

int binfmtd_parse_text(const char *text, size_t len, const char *file,
		       const struct binfmt_sink *sink)
{
	struct binfmt_origin at = { .file = file, .line = 0 };
	size_t pos = 0, start, end;
	int bad = 0;

	while (pos < len) {
		struct binfmt_entry e;
		int r;

		next_line(text, len, &pos, &start, &end);
		at.line++;
		if (start == end || text[start] == '#' || text[start] == ';')
			continue;
		r = binfmt_entry_parse(text + start, end - start, &e);
		if (r) {
			report_error(sink, r, file, at.line);
			bad++;
			continue;
		}
		r = report_entry(sink, &e, text + start, end - start, &at);
		if (r)
			return r;
	}
	return bad;
}

int binfmtd_parse_file(const char *path, const struct binfmt_sink *sink)
{
	char *text = NULL;
	size_t len = 0;
	int r = binfmt_read_file(path, BINFMTD_FILE_MAX, &text, &len);

	if (r < 0) {
		report_error(sink, r, path, 0);
		return r;
	}
	r = binfmtd_parse_text(text, len, path, sink);
	free(text);
	return r;
}
