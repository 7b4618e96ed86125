/* Parsing of gen_init_cpio-style spec lines into entries. */
#include "spec.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpio.h"
#include "lib/number.h"
#include "lib/array_size.h"

#define BLANKS	   " \t\r\n\v\f"
#define MAX_FIELDS 9
#define MAJOR_MAX  4095u /* what the kernel's MKDEV() can carry */
#define MINOR_MAX  1048575u

struct line {
	const char *file;
	unsigned no;
	struct error_record *err;
	const char *f[MAX_FIELDS];
	unsigned n;
};

struct kind {
	const char *word;
	unsigned nfields; /* including the word itself */
	const char *usage;
	int (*parse)(struct line *ln, struct entry *e);
};

/* Reports what is wrong with the current line; evaluates to -EINVAL. */
#define BAD(ln, ...) error_line((ln)->err, (ln)->file, (ln)->no, __VA_ARGS__)

static int parse_uint(const char *s, unsigned base, unsigned long max, unsigned long *v)
{
	unsigned long long n;

	if (parse_unsigned(s, base, 0, max, &n) < 0)
		return -EINVAL;
	*v = (unsigned long)n;
	return 0;
}

/* Drops leading "/" and "./", then refuses empty, "." and ".." components. */
static int parse_name(struct line *ln, const char *s, struct entry *e)
{
	const char *p, *c;
	size_t len;

	for (p = s; *p == '/' || (p[0] == '.' && p[1] == '/');)
		p += *p == '/' ? 1 : 2;
	if (!*p)
		return BAD(ln, "bad name '%s': empty path", s);
	if (strlen(p) >= PATH_MAX)
		return BAD(ln, "bad name '%s': too long", s);
	for (c = p; *c; c += len + (c[len] == '/')) {
		len = strcspn(c, "/");
		if (len == 0 || (c[len] == '/' && !c[len + 1]))
			return BAD(ln, "bad name '%s': empty path component", s);
		if ((len == 1 && c[0] == '.') || (len == 2 && c[0] == '.' && c[1] == '.'))
			return BAD(ln, "bad name '%s': '.' and '..' are not allowed", s);
	}
	e->name = strdup(p);
	if (!e->name)
		return error_system(ln->err, -ENOMEM, "out of memory");
	return 0;
}

static int parse_mode(struct line *ln, const char *s, uint32_t type, struct entry *e)
{
	unsigned long v;

	if (parse_uint(s, 8, 07777, &v) < 0)
		return BAD(ln, "bad mode '%s': need octal permission bits, 0 to 7777", s);
	e->mode = type | v;
	return 0;
}

static int parse_owner(struct line *ln, const char *s, const char *what)
{
	unsigned long v;

	if (parse_uint(s, 10, ULONG_MAX, &v) < 0)
		return BAD(ln, "bad %s '%s': need a decimal number", what, s);
	if (v != 0)
		return BAD(ln, "%s %s refused: only root-owned entries (0) are supported", what, s);
	return 0;
}

/* MODE UID GID at fields i, i+1, i+2. */
static int parse_mode_owner(struct line *ln, unsigned i, uint32_t type, struct entry *e)
{
	int r = parse_mode(ln, ln->f[i], type, e);

	if (r == 0)
		r = parse_owner(ln, ln->f[i + 1], "uid");
	if (r == 0)
		r = parse_owner(ln, ln->f[i + 2], "gid");
	return r;
}

static int parse_dir(struct line *ln, struct entry *e)
{
	return parse_mode_owner(ln, 2, S_IFDIR, e);
}

static int parse_nod(struct line *ln, struct entry *e)
{
	const char *type = ln->f[5];
	unsigned long maj, min;
	int r;

	if (strcmp(type, "c") != 0 && strcmp(type, "b") != 0)
		return BAD(ln, "bad device type '%s': need c or b", type);
	r = parse_mode_owner(ln, 2, type[0] == 'c' ? S_IFCHR : S_IFBLK, e);
	if (r < 0)
		return r;
	if (parse_uint(ln->f[6], 10, MAJOR_MAX, &maj) < 0)
		return BAD(ln, "bad major '%s': need 0 to 4095", ln->f[6]);
	if (parse_uint(ln->f[7], 10, MINOR_MAX, &min) < 0)
		return BAD(ln, "bad minor '%s': need 0 to 1048575", ln->f[7]);
	e->rdev_major = maj;
	e->rdev_minor = min;
	return 0;
}

static int parse_slink(struct line *ln, struct entry *e)
{
	const char *target = ln->f[2];

	if (strlen(target) >= PATH_MAX)
		return BAD(ln, "bad symlink target '%s': too long", target);
	e->target = strdup(target);
	if (!e->target)
		return error_system(ln->err, -ENOMEM, "out of memory");
	e->size = strlen(target);
	return parse_mode_owner(ln, 3, S_IFLNK, e);
}

static int parse_file(struct line *ln, struct entry *e)
{
	const char *loc = ln->f[2];
	struct stat st;

	if (stat(loc, &st) < 0)
		return BAD(ln, "cannot stat %s: %s", loc, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return BAD(ln, "%s is not a regular file", loc);
	if (!entry_size_fits(st.st_size))
		return BAD(ln, "%s is too large for a newc archive (limit 4294967295 bytes)", loc);
	e->size = st.st_size;
	e->src = strdup(loc);
	if (!e->src)
		return error_system(ln->err, -ENOMEM, "out of memory");
	return parse_mode_owner(ln, 3, S_IFREG, e);
}

static const struct kind kinds[] = {
	{ "dir", 5, "dir NAME MODE UID GID", parse_dir },
	{ "nod", 8, "nod NAME MODE UID GID TYPE MAJ MIN", parse_nod },
	{ "slink", 6, "slink NAME TARGET MODE UID GID", parse_slink },
	{ "file", 6, "file NAME LOCATION MODE UID GID", parse_file },
};

static const struct kind *find_kind(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(kinds[i].word, word) == 0)
			return &kinds[i];
	return NULL;
}

/* Splits text into ln->f; ln->n counts every field, also those beyond MAX_FIELDS. Unused
 * slots hold "", never NULL. */
static void split(struct line *ln, char *text)
{
	char *save = NULL, *tok;
	unsigned i;

	for (i = 0; i < MAX_FIELDS; i++)
		ln->f[i] = "";
	ln->n = 0;
	for (tok = strtok_r(text, BLANKS, &save); tok; tok = strtok_r(NULL, BLANKS, &save)) {
		if (ln->n < MAX_FIELDS)
			ln->f[ln->n] = tok;
		ln->n++;
	}
}

static int parse_line(struct line *ln, char *text, struct entry_list *out)
{
	struct entry e = { .origin = ln->file, .line = ln->no };
	const struct kind *k;
	int r;

	split(ln, text);
	if (ln->n == 0 || ln->f[0][0] == '#')
		return 0;
	k = find_kind(ln->f[0]);
	if (!k)
		return BAD(ln, "unknown entry type '%s': need dir, nod, slink or file", ln->f[0]);
	if (ln->n != k->nfields)
		return BAD(ln, "%s takes %u fields (%s), got %u", k->word, k->nfields - 1, k->usage,
			   ln->n - 1);
	r = parse_name(ln, ln->f[1], &e);
	if (r == 0)
		r = k->parse(ln, &e);
	if (r < 0) {
		entry_free(&e);
		return r;
	}
	r = entry_list_add(out, &e);
	if (r < 0)
		return error_system(ln->err, r, "out of memory");
	return 0;
}

/* One line of len bytes at s, copied into buf (SPEC_LINE_MAX + 1 bytes) to be split there. */
static int parse_text_line(struct line *ln, const char *s, size_t len, char *buf,
			   struct entry_list *out)
{
	if (len > SPEC_LINE_MAX)
		return BAD(ln, "line longer than %u bytes", SPEC_LINE_MAX);
	if (memchr(s, '\0', len))
		return BAD(ln, "line contains a NUL byte");
	memcpy(buf, s, len);
	buf[len] = '\0';
	return parse_line(ln, buf, out);
}

int spec_parse_text(const char *text, size_t len, const char *name, struct entry_list *out,
		    struct error_record *err)
{
	struct line ln = { .file = name, .err = err };
	unsigned before = err->count;
	char *buf = malloc(SPEC_LINE_MAX + 1);
	size_t off = 0;
	int r = 0;

	if (!buf)
		return error_system(err, -ENOMEM, "out of memory");
	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (text + off)) : len - off;

		ln.no++;
		r = parse_text_line(&ln, text + off, n, buf, out);
		if (r < 0 && r != -EINVAL)
			break;
		off += n + (nl != NULL);
	}
	free(buf);
	if (r < 0 && r != -EINVAL)
		return r;
	return err->count > before ? -EINVAL : 0;
}
