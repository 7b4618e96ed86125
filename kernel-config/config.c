/* A .config parsed into its options, sorted by name; see config.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX	      "CONFIG_"
#define PREFIX_LEN    (sizeof(PREFIX) - 1)
#define NOT_SET	      " is not set"
#define HEADER	      "# Linux/"
#define HEADER_SUFFIX " Kernel Configuration"

/* One line, cut out of the copy: its text is NUL-terminated. */
struct line {
	char *s;
	size_t len;
	unsigned int no;
};

static bool name_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* Kconfig writes no control character into a value, strings included. */
static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* The length of the option name that starts s ("CONFIG_" and at least one
 * more name character), or 0 when none does. */
static size_t name_len(const char *s, size_t len)
{
	size_t n = PREFIX_LEN;

	if (len <= n || strncmp(s, PREFIX, n) != 0)
		return 0;
	while (n < len && name_char(s[n]))
		n++;
	return n > PREFIX_LEN ? n : 0;
}

static int add_option(struct kconfig *c, size_t *cap, const char *name, const char *value,
		      unsigned int no)
{
	if (c->n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 1024;
		struct kconfig_option *v = realloc(c->v, ncap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->v = v;
		*cap = ncap;
	}
	/* Kconfig reads "=n" as not set, and so does the checker. */
	if (value && !strcmp(value, "n"))
		value = NULL;
	c->v[c->n++] = (struct kconfig_option){ .name = name, .value = value, .line = no };
	return 0;
}

/* "# Linux/ARCH VERSION Kernel Configuration": the first one names them. */
static void read_header(struct kconfig *c, const struct line *l)
{
	size_t hl = sizeof(HEADER) - 1, sl = sizeof(HEADER_SUFFIX) - 1;
	const char *arch = l->s + hl, *space, *end = l->s + l->len - sl;

	if (c->arch[0] || l->len <= hl + sl || strncmp(l->s, HEADER, hl) != 0 ||
	    strcmp(end, HEADER_SUFFIX) != 0)
		return;
	space = memchr(arch, ' ', (size_t)(end - arch));
	if (!space || space == arch || space + 1 == end ||
	    (size_t)(space - arch) >= sizeof(c->arch) ||
	    (size_t)(end - space - 1) >= sizeof(c->version) ||
	    memchr(space + 1, ' ', (size_t)(end - space - 1)))
		return;
	memcpy(c->arch, arch, (size_t)(space - arch));
	memcpy(c->version, space + 1, (size_t)(end - space - 1));
}

/* "# CONFIG_X is not set" is an option; any other '#' line a comment. */
static int read_comment(struct kconfig *c, size_t *cap, struct line *l)
{
	size_t n = l->len > 2 && l->s[1] == ' ' ? name_len(l->s + 2, l->len - 2) : 0;

	if (n && !strcmp(l->s + 2 + n, NOT_SET)) {
		l->s[2 + n] = '\0';
		return add_option(c, cap, l->s + 2, NULL, l->no);
	}
	read_header(c, l);
	return 0;
}

/* Returns 0, 1 for a line that is neither option, comment nor blank, or
 * -ENOMEM. */
static int read_line(struct kconfig *c, size_t *cap, struct line *l)
{
	size_t n;

	if (l->len && l->s[l->len - 1] == '\r') /* as Kconfig reads a CRLF file */
		l->s[--l->len] = '\0';
	if (strlen(l->s) != l->len) /* a NUL byte: not text */
		return 1;
	if (l->s[strspn(l->s, " \t")] == '\0')
		return 0;
	if (l->s[0] == '#')
		return read_comment(c, cap, l);
	n = name_len(l->s, l->len);
	if (!n || l->s[n] != '=' || n + 1 == l->len || !printable(l->s + n + 1))
		return 1;
	l->s[n] = '\0';
	return add_option(c, cap, l->s, l->s + n + 1, l->no);
}

static int by_name(const void *a, const void *b)
{
	const struct kconfig_option *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int by_name_then_line(const void *a, const void *b)
{
	const struct kconfig_option *x = a, *y = b;
	int r = by_name(a, b);

	return r ? r : (x->line > y->line) - (x->line < y->line);
}

/* Sorted by name, each name once: a later line overrides an earlier one,
 * as in Kconfig. */
static void sort_options(struct kconfig *c)
{
	size_t out = 0;

	if (c->n)
		qsort(c->v, c->n, sizeof(*c->v), by_name_then_line);
	for (size_t i = 0; i < c->n; i++) {
		if (out && !strcmp(c->v[out - 1].name, c->v[i].name))
			out--;
		c->v[out++] = c->v[i];
	}
	c->n = out;
}

static int read_lines(struct kconfig *c, size_t len, struct error_record *e)
{
	struct line l = { .s = c->text };
	size_t cap = 0;
	int bad = 0;

	while (l.s < c->text + len) {
		char *eol = memchr(l.s, '\n', (size_t)(c->text + len - l.s));
		char *next;
		int r;

		l.len = eol ? (size_t)(eol - l.s) : (size_t)(c->text + len - l.s);
		l.s[l.len] = '\0';
		next = l.s + l.len + 1;
		l.no++;
		r = read_line(c, &cap, &l);
		if (r < 0)
			return error_system(e, r, "%s: out of memory", c->name);
		if (r > 0) {
			bad = error_line(e, c->name, l.no,
					 "not an option (CONFIG_NAME=VALUE, # CONFIG_NAME is not "
					 "set), a comment or a blank line");
		}
		l.s = next;
	}
	sort_options(c);
	return bad;
}

int kconfig_parse(struct kconfig *c, const char *text, size_t len, const char *name,
		  struct error_record *e)
{
	int r;

	memset(c, 0, sizeof(*c));
	c->name = strdup(name);
	c->text = malloc(len + 1);
	if (!c->name || !c->text) {
		kconfig_free(c);
		return error_system(e, -ENOMEM, "%s: out of memory", name);
	}
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	r = read_lines(c, len, e);
	if (r < 0)
		kconfig_free(c);
	return r;
}

const struct kconfig_option *kconfig_find(const struct kconfig *c, const char *name)
{
	struct kconfig_option key = { .name = name };

	if (!c->n)
		return NULL;
	return bsearch(&key, c->v, c->n, sizeof(*c->v), by_name);
}

const char *kconfig_value(const struct kconfig *c, const char *name)
{
	const struct kconfig_option *o = kconfig_find(c, name);

	return o ? o->value : NULL;
}

void kconfig_free(struct kconfig *c)
{
	free(c->name);
	free(c->text);
	free(c->v);
	memset(c, 0, sizeof(*c));
}
