/* The kernel's register string, ":name:type:offset:magic:mask:interpreter:
 * flags": writing it, reading it as create_entry() does, and the \x escapes
 * of its magic and mask fields. */
#include "register_string.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "field.h"
#include "lib/hex.h"

/* The delimiters binfmt_entry_format() tries in turn. None is a hex digit,
 * 'x' or a backslash (the kernel's field scanner reads those as part of an
 * escape), a flag letter, or a type letter. */
static const char delimiters[] = ":,|#!";

/* The kernel refuses shorter register strings before parsing them. */
#define REGISTER_MIN 11

/* ---- formatting ---- */

/* Appends what fits and counts everything, so the caller learns the full
 * length even when the buffer is too small. */
struct writer {
	char *buf;
	size_t size, len;
};

static void put(struct writer *w, const void *s, size_t n)
{
	if (w->len + n < w->size)
		memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void put_hex(struct writer *w, const unsigned char *bytes, size_t len)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		char esc[4] = { '\\', 'x', digits[bytes[i] >> 4], digits[bytes[i] & 15] };

		put(w, esc, sizeof(esc));
	}
}

/* What format needs to write something the kernel can read back. */
static bool entry_is_sane(const struct binfmt_entry *e)
{
	if (!field_terminated(e->name, sizeof(e->name)) ||
	    !field_terminated(e->interpreter, sizeof(e->interpreter)) ||
	    !field_terminated(e->flags, sizeof(e->flags)) || e->flags[strspn(e->flags, "POCF")])
		return false;
	if (e->magic_len > sizeof(e->magic) || e->mask_len > sizeof(e->mask))
		return false;
	if (e->type == 'E')
		return !memchr(e->magic, '\0', e->magic_len);
	return e->type == 'M';
}

static char pick_delimiter(const struct binfmt_entry *e)
{
	for (const char *d = delimiters; *d; d++)
		if (!strchr(e->name, *d) && !strchr(e->interpreter, *d) &&
		    !(e->type == 'E' && memchr(e->magic, *d, e->magic_len)))
			return *d;
	return '\0';
}

/* offset:magic:mask for M, :extension: for E (the kernel skips the offset
 * and mask fields of an E entry, so they stay empty). */
static void put_match(struct writer *w, const struct binfmt_entry *e, char del)
{
	char num[16];

	if (e->type == 'E') {
		put(w, &del, 1);
		put(w, e->magic, e->magic_len);
		put(w, &del, 1);
		return;
	}
	put(w, num, (size_t)snprintf(num, sizeof(num), "%u", e->offset));
	put(w, &del, 1);
	put_hex(w, e->magic, e->magic_len);
	put(w, &del, 1);
	put_hex(w, e->mask, e->mask_len);
}

int binfmt_entry_format(const struct binfmt_entry *e, char *buf, size_t size)
{
	struct writer w = { .buf = buf, .size = size };
	char del;

	if (!entry_is_sane(e))
		return -EINVAL;
	del = pick_delimiter(e);
	if (!del)
		return -EINVAL;
	put(&w, &del, 1);
	put(&w, e->name, strlen(e->name));
	put(&w, &del, 1);
	put(&w, &e->type, 1);
	put(&w, &del, 1);
	put_match(&w, e, del);
	put(&w, &del, 1);
	put(&w, e->interpreter, strlen(e->interpreter));
	put(&w, &del, 1);
	put(&w, e->flags, strlen(e->flags));
	if (w.len >= size || w.len > INT_MAX)
		return -ENAMETOOLONG;
	buf[w.len] = '\0';
	return (int)w.len;
}

/* ---- magic and mask fields ---- */

/* The kernel's scanarg() check: every backslash followed by 'x' needs two
 * hex digits, which are then skipped (so "\\\\x41" is checked too). */
static bool escapes_ok(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\\' || i + 1 >= len || s[i + 1] != 'x')
			continue;
		if (i + 3 >= len || hex_digit_value(s[i + 2]) < 0 || hex_digit_value(s[i + 3]) < 0)
			return false;
		i += 3;
	}
	return true;
}

static bool emit(unsigned char *out, size_t *n, unsigned char byte)
{
	if (*n == BINFMT_MAGIC_MAX)
		return false;
	out[(*n)++] = byte;
	return true;
}

/* string_unescape(UNESCAPE_HEX): "\x" with one or two hex digits is a
 * byte; a backslash before anything else is kept along with the next
 * byte, which is taken as it is (so "\\\\" is two backslashes). */
static int unescape_hex(const char *s, size_t len, unsigned char *out, size_t *out_len,
			struct binfmt_rule *rule)
{
	size_t n = 0, i = 0;

	while (i < len) {
		if (s[i] == '\\' && i + 2 < len && s[i + 1] == 'x' &&
		    hex_digit_value(s[i + 2]) >= 0) {
			int v = hex_digit_value(s[i + 2]);

			i += 3;
			if (i < len && hex_digit_value(s[i]) >= 0)
				v = v << 4 | hex_digit_value(s[i++]);
			if (!emit(out, &n, (unsigned char)v))
				return binfmt_rule_break(rule, BINFMT_E_MAGIC_LONG);
			continue;
		}
		if (s[i] == '\\' && i + 1 < len && !emit(out, &n, (unsigned char)s[i++]))
			return binfmt_rule_break(rule, BINFMT_E_MAGIC_LONG);
		if (!emit(out, &n, (unsigned char)s[i++]))
			return binfmt_rule_break(rule, BINFMT_E_MAGIC_LONG);
	}
	*out_len = n;
	return 0;
}

int binfmt_magic_decode(const char *text, size_t len, unsigned char out[BINFMT_MAGIC_MAX],
			size_t *out_len, struct binfmt_rule *rule)
{
	binfmt_rule_clear(rule);
	if (!escapes_ok(text, len))
		return binfmt_rule_break(rule, BINFMT_E_ESCAPE);
	return unescape_hex(text, len, out, out_len, rule);
}

/* ---- parsing the register string ---- */

/* A private, NUL-terminated copy of the register string that the field
 * parsers cut up in place, as the kernel does with its copy. */
struct cursor {
	char buf[BINFMT_REGISTER_MAX + 1];
	char *p;   /* next unread byte */
	char *end; /* the terminating NUL */
	char del;
	struct binfmt_rule *rule; /* the caller's, may be NULL */
};

static int broke(struct cursor *c, enum binfmt_error rule)
{
	return binfmt_rule_break(c->rule, rule);
}

/* The next field, up to the next delimiter, which becomes a NUL. A field
 * that runs to the end of the string lacks its delimiter: the kernel then
 * reads into its padding and fails the final length check. */
static char *next_field(struct cursor *c)
{
	char *start = c->p, *q = strchr(start, c->del);

	if (!q)
		return NULL;
	*q = '\0';
	c->p = q + 1;
	return start;
}

/* Like next_field for magic and mask: the kernel's scanarg() skips the two
 * digits of each \x escape, so a delimiter that is a hex digit can hide in
 * one. *field is set even on failure, so that no path reads it unset. */
static int next_escaped_field(struct cursor *c, char **field)
{
	char *s = c->p;

	*field = c->p;
	for (char ch; (ch = *s++) != c->del;) {
		if (ch == '\0')
			return broke(c, BINFMT_E_SYNTAX);
		if (ch == '\\' && *s == 'x') {
			if (hex_digit_value(s[1]) < 0 || hex_digit_value(s[2]) < 0)
				return broke(c, BINFMT_E_ESCAPE);
			s += 3;
		}
	}
	s[-1] = '\0';
	c->p = s;
	return 0;
}

/* kstrtoint(s, 10): an optional sign, decimal digits, one optional
 * trailing newline; then the kernel refuses negative values. */
static int parse_offset(const char *s, unsigned int *offset, struct binfmt_rule *rule)
{
	bool negative = *s == '-';
	unsigned long long v = 0;

	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return binfmt_rule_break(rule, BINFMT_E_OFFSET);
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long long)(*s - '0');
		if (v > INT_MAX)
			return binfmt_rule_break(rule, BINFMT_E_OFFSET);
	}
	if (*s == '\n')
		s++;
	if (*s || (negative && v))
		return binfmt_rule_break(rule, BINFMT_E_OFFSET);
	*offset = (unsigned int)v;
	return 0;
}

static int parse_name_type(struct cursor *c, struct binfmt_entry *e)
{
	const char *name = next_field(c);

	if (!name)
		return broke(c, BINFMT_E_SYNTAX);
	if (field_copy(e->name, sizeof(e->name), name) < 0)
		return broke(c, BINFMT_E_NAME);
	if (c->p[0] == '\0')
		return broke(c, BINFMT_E_SYNTAX);
	if ((c->p[0] != 'M' && c->p[0] != 'E') || c->p[1] != c->del)
		return broke(c, BINFMT_E_TYPE);
	e->type = c->p[0];
	c->p += 2;
	return 0;
}

static int parse_magic_mask(struct cursor *c, struct binfmt_entry *e)
{
	char *offset = next_field(c), *magic, *mask;
	int r;

	if (!offset)
		return broke(c, BINFMT_E_SYNTAX);
	if (*offset && (r = parse_offset(offset, &e->offset, c->rule)) < 0)
		return r;
	if ((r = next_escaped_field(c, &magic)) < 0 || (r = next_escaped_field(c, &mask)) < 0)
		return r;
	r = binfmt_magic_decode(magic, strlen(magic), e->magic, &e->magic_len, c->rule);
	if (r < 0)
		return r;
	r = binfmt_magic_decode(mask, strlen(mask), e->mask, &e->mask_len, c->rule);
	/* A mask longer than any magic can be cannot be as long as this one. */
	return r == -E2BIG ? broke(c, BINFMT_E_MASK_LENGTH) : r;
}

/* The kernel skips the offset and mask fields of an E entry whatever they
 * hold; we refuse content there, since it would be silently dropped. */
static int parse_extension(struct cursor *c, struct binfmt_entry *e)
{
	const char *offset = next_field(c), *ext, *mask;

	if (!offset || !(ext = next_field(c)) || !(mask = next_field(c)))
		return broke(c, BINFMT_E_SYNTAX);
	if (*offset || *mask)
		return broke(c, BINFMT_E_EXTENSION);
	e->magic_len = strlen(ext);
	if (e->magic_len > sizeof(e->magic))
		return broke(c, BINFMT_E_MAGIC_LONG);
	memcpy(e->magic, ext, e->magic_len);
	return 0;
}

/* The interpreter ends at a delimiter; the flags run to the end, where one
 * newline may follow them. */
static int parse_interpreter_flags(struct cursor *c, struct binfmt_entry *e)
{
	const char *interpreter = next_field(c);
	char *flags, *end;

	if (!interpreter)
		return broke(c, BINFMT_E_SYNTAX);
	if (field_copy(e->interpreter, sizeof(e->interpreter), interpreter) < 0)
		return broke(c, BINFMT_E_INTERPRETER);
	flags = c->p;
	end = flags + strspn(flags, "POCF");
	if (end + (*end == '\n') != c->end)
		return broke(c, BINFMT_E_FLAGS);
	*end = '\0';
	return binfmt_flags_normalize(flags, e->flags) < 0 ? broke(c, BINFMT_E_FLAGS) : 0;
}

int binfmt_entry_parse(const char *line, size_t len, struct binfmt_entry *e,
		       struct binfmt_rule *rule)
{
	struct cursor c = { .rule = rule };
	int r;

	memset(e, 0, sizeof(*e));
	binfmt_rule_clear(rule);
	if (len > BINFMT_REGISTER_MAX)
		return broke(&c, BINFMT_E_TOO_LONG);
	if (len < REGISTER_MIN || memchr(line, '\0', len))
		return broke(&c, BINFMT_E_SYNTAX);
	memcpy(c.buf, line, len);
	c.buf[len] = '\0';
	c.end = c.buf + len;
	c.del = c.buf[0];
	c.p = c.buf + 1;
	r = parse_name_type(&c, e);
	if (r == 0)
		r = e->type == 'M' ? parse_magic_mask(&c, e) : parse_extension(&c, e);
	if (r == 0)
		r = parse_interpreter_flags(&c, e);
	return r < 0 ? r : binfmt_entry_validate(e, rule);
}
