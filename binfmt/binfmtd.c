/* binfmt.d(5): which files systemd-binfmt reads (conf_files_list over the
 * binfmt.d directories) and how it reads them (read_line, strstrip, comment
 * characters), so that `binfmtctl load` registers what systemd would. Under
 * a root every path resolves inside it, as systemd's chase() resolves them
 * for --root. */
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

#include "lib/in_root.h"
#include "lib/dir_names.h"
#include "register_string.h"
#include "lib/whole_file.h"

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

/* conf-files.c: names starting with '.' are hidden, and only *.conf count. */
static bool is_conf_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 5 && !strcmp(name + len - 5, ".conf");
}

/* Where the scan is: the root, the directory (as a path in the root and as
 * an open descriptor), and the prefix that shows the root in paths. */
struct scan {
	int root_fd; /* AT_FDCWD: no root */
	const char *prefix;
	const char *dir;
	int dir_fd;
};

/* An empty file or a link to /dev/null masks the name. So does a dangling
 * link: systemd lists it, then ignores it when it cannot be opened. A
 * directory does not claim the name. A file we cannot stat is kept, so that
 * reading it reports why. The link target is checked as text because under
 * a root other than / the link's /dev/null need not be there to stat. Links
 * are followed inside the root (in_root is the file's path there). */
static enum kind classify(const struct scan *sc, const char *name, const char *in_root)
{
	char target[16];
	ssize_t n = readlinkat(sc->dir_fd, name, target, sizeof(target) - 1);
	struct stat st;
	int fd, r;

	if (n > 0) {
		target[n] = '\0';
		if (!strcmp(target, "/dev/null"))
			return KIND_MASK;
	}
	fd = in_root_open(sc->root_fd, in_root, O_PATH | O_CLOEXEC, 0);
	if (fd < 0)
		return fd == -ENOENT ? KIND_MASK : KIND_FILE;
	r = fstat(fd, &st);
	close(fd);
	if (r < 0)
		return KIND_FILE;
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

/* path is the prefix and the path in the root, as the file is shown. */
static int add_entry(struct claims *cs, const struct scan *sc, const char *name)
{
	char *path;
	enum kind k;

	if (!is_conf_name(name) || claimed(cs, name))
		return 0;
	if (asprintf(&path, "%s%s/%s", sc->prefix, sc->dir, name) < 0)
		return -ENOMEM;
	k = classify(sc, name, path + strlen(sc->prefix));
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

static int scan_dir(struct claims *cs, struct scan *sc)
{
	int fd = in_root_open(sc->root_fd, sc->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	struct dir_names ns;
	DIR *d;
	int r = 0;

	if (fd < 0)
		return fd == -ENOENT || fd == -ENOTDIR ? 0 : fd;
	d = fdopendir(fd);
	if (!d) {
		r = -errno;
		close(fd);
		return r;
	}
	sc->dir_fd = fd;
	r = dir_names_read(d, &ns);
	for (size_t i = 0; r == 0 && i < ns.n; i++)
		r = add_entry(cs, sc, ns.v[i]);
	dir_names_free(&ns);
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

/* The root as paths show it: root "/" or "x/" would give "//etc" or
 * "x//etc", so trailing slashes go. */
static char *root_prefix(const char *root)
{
	size_t len = root ? strlen(root) : 0;

	while (len > 0 && root[len - 1] == '/')
		len--;
	return strndup(root ? root : "", len);
}

static int scan_dirs(struct claims *cs, int root_fd, const char *prefix, const char *const *dirs)
{
	int r = 0;

	for (size_t i = 0; r == 0 && dirs[i]; i++) {
		struct scan sc = { .root_fd = root_fd, .prefix = prefix, .dir = dirs[i] };

		r = scan_dir(cs, &sc);
	}
	return r;
}

int binfmtd_collect(const char *root, const char *const *dirs, struct binfmtd_files *out)
{
	struct claims cs = { 0 };
	char *prefix = root_prefix(root);
	int r;

	*out = (struct binfmtd_files){ .root_fd = AT_FDCWD };
	if (!prefix)
		return -ENOMEM;
	out->prefix_len = strlen(prefix);
	r = in_root_dir_open(root, &out->root_fd);
	if (r == 0)
		r = scan_dirs(&cs, out->root_fd, prefix, dirs);
	else if (r == -ENOENT || r == -ENOTDIR)
		r = 0; /* a missing root holds no files */
	if (r == 0)
		r = take_paths(&cs, out);
	claims_free(&cs);
	free(prefix);
	if (r < 0)
		binfmtd_files_free(out);
	return r;
}

void binfmtd_files_free(struct binfmtd_files *files)
{
	for (size_t i = 0; i < files->count; i++)
		free(files->paths[i]);
	free(files->paths);
	if (files->root_fd >= 0)
		close(files->root_fd);
	*files = (struct binfmtd_files){ .root_fd = AT_FDCWD };
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
		struct binfmt_rule rule;
		struct binfmt_entry e;
		int r;

		next_line(text, len, &pos, &start, &end);
		at.line++;
		if (start == end || text[start] == '#' || text[start] == ';')
			continue;
		r = binfmt_entry_parse(text + start, end - start, &e, &rule);
		if (r < 0) {
			binfmt_sink_error(sink, r, &rule, file, at.line);
			bad++;
			continue;
		}
		r = report_entry(sink, &e, text + start, end - start, &at);
		if (r < 0)
			return r;
	}
	return bad;
}

/* The text read (r is 0) or why it could not be (r < 0, reported). */
static int parse_read(int r, char *text, size_t len, const char *path,
		      const struct binfmt_sink *sink)
{
	if (r < 0) {
		binfmt_sink_error(sink, r, NULL, path, 0);
		return r;
	}
	r = binfmtd_parse_text(text, len, path, sink);
	free(text);
	return r;
}

int binfmtd_parse_file(const char *path, const struct binfmt_sink *sink)
{
	char *text = NULL;
	size_t len = 0;
	int r = read_whole_file(path, BINFMTD_FILE_MAX, &text, &len);

	return parse_read(r, text, len, path, sink);
}

int binfmtd_parse_collected(const struct binfmtd_files *files, size_t i,
			    const struct binfmt_sink *sink)
{
	const char *path = files->paths[i];
	char *text = NULL;
	size_t len = 0;
	int r, fd = in_root_open(files->root_fd, path + files->prefix_len,
				 O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

	if (fd < 0)
		return parse_read(fd, NULL, 0, path, sink);
	r = read_whole_fd(fd, BINFMTD_FILE_MAX, &text, &len);
	close(fd);
	return parse_read(r, text, len, path, sink);
}
