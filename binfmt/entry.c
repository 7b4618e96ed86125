/* Entry model: the Rosetta entry, flags, the kernel's register string
 * (parse, validate, format), matching and overlap of entries, and the
 * per-entry status file. */
#include "entry.h"
#include "lib/hex.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first 20 bytes of an x86-64 ELF header: class 64, little-endian,
 * version 1, any OS/ABI, e_type ET_EXEC or ET_DYN (the mask clears bit 0 of
 * the low byte), e_machine EM_X86_64. The layout Apple's guide registers. */
static const unsigned char x86_64_magic[20] = { 0x7f, 'E',  'L',  'F',	0x02, 0x01, 0x01,
						0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
						0x00, 0x00, 0x02, 0x00, 0x3e, 0x00 };
static const unsigned char x86_64_mask[20] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xfe,
					       0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					       0xff, 0xff, 0xfe, 0xff, 0xff, 0xff };

/* The delimiters binfmt_entry_format() tries in turn. None is a hex digit,
 * 'x' or a backslash (the kernel's field scanner reads those as part of an
 * escape), a flag letter, or a type letter. */
static const char delimiters[] = ":,|#!";

/* The kernel refuses shorter register strings before parsing them. */
#define REGISTER_MIN 11

int binfmt_flags_normalize(const char *flags, char out[8])
{
	bool has[4] = { false };
	static const char order[] = "POCF";
	size_t n = 0;

	for (const char *p = flags; *p; p++) {
		const char *at = strchr(order, *p);

		if (!at)
			return -EINVAL;
		has[at - order] = true;
	}
	if (has[2])
		has[1] = true; /* the kernel sets O whenever C is given */
	for (size_t i = 0; i < 4; i++)
		if (has[i])
			out[n++] = order[i];
	out[n] = '\0';
	return 0;
}

static int copy_str(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);

	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(dst, src, len + 1);
	return 0;
}

int binfmt_entry_rosetta(struct binfmt_entry *e, const char *name, const char *interpreter,
			 const char *flags)
{
	int r;

	memset(e, 0, sizeof(*e));
	if (!*name || strchr(name, '/') || strchr(name, ':'))
		return -EINVAL;
	r = copy_str(e->name, sizeof(e->name), name);
	if (r == 0)
		r = copy_str(e->interpreter, sizeof(e->interpreter), interpreter);
	if (r == 0 && strlen(flags) >= sizeof(e->flags))
		r = -EINVAL;
	if (r == 0)
		r = copy_str(e->flags, sizeof(e->flags), flags);
	if (r < 0)
		return r;
	e->type = 'M';
	memcpy(e->magic, x86_64_magic, sizeof(x86_64_magic));
	e->magic_len = sizeof(x86_64_magic);
	memcpy(e->mask, x86_64_mask, sizeof(x86_64_mask));
	e->mask_len = sizeof(x86_64_mask);
	return binfmt_flags_normalize(flags, e->flags) < 0 ? -EINVAL : 0;
}

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

static bool terminated(const char *s, size_t size)
{
	return strnlen(s, size) < size;
}

/* What format needs to write something the kernel can read back. */
static bool entry_is_sane(const struct binfmt_entry *e)
{
	if (!terminated(e->name, sizeof(e->name)) ||
	    !terminated(e->interpreter, sizeof(e->interpreter)) ||
	    !terminated(e->flags, sizeof(e->flags)) || e->flags[strspn(e->flags, "POCF")])
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
static int unescape_hex(const char *s, size_t len, unsigned char *out, size_t *out_len)
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
				return BINFMT_E_MAGIC_LONG;
			continue;
		}
		if (s[i] == '\\' && i + 1 < len && !emit(out, &n, (unsigned char)s[i++]))
			return BINFMT_E_MAGIC_LONG;
		if (!emit(out, &n, (unsigned char)s[i++]))
			return BINFMT_E_MAGIC_LONG;
	}
	*out_len = n;
	return 0;
}

int binfmt_magic_decode(const char *text, size_t len, unsigned char out[BINFMT_MAGIC_MAX],
			size_t *out_len)
{
	if (!escapes_ok(text, len))
		return BINFMT_E_ESCAPE;
	return unescape_hex(text, len, out, out_len);
}

/* ---- parsing the register string ---- */

/* A private, NUL-terminated copy of the register string that the field
 * parsers cut up in place, as the kernel does with its copy. */
struct cursor {
	char buf[BINFMT_REGISTER_MAX + 1];
	char *p;   /* next unread byte */
	char *end; /* the terminating NUL */
	char del;
};

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
 * one. */
static int next_escaped_field(struct cursor *c, char **field)
{
	char *s = c->p;

	for (char ch; (ch = *s++) != c->del;) {
		if (ch == '\0')
			return BINFMT_E_SYNTAX;
		if (ch == '\\' && *s == 'x') {
			if (hex_digit_value(s[1]) < 0 || hex_digit_value(s[2]) < 0)
				return BINFMT_E_ESCAPE;
			s += 3;
		}
	}
	s[-1] = '\0';
	*field = c->p;
	c->p = s;
	return 0;
}

/* kstrtoint(s, 10): an optional sign, decimal digits, one optional
 * trailing newline; then the kernel refuses negative values. */
static int parse_offset(const char *s, unsigned int *offset)
{
	bool negative = *s == '-';
	unsigned long long v = 0;

	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return BINFMT_E_OFFSET;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long long)(*s - '0');
		if (v > INT_MAX)
			return BINFMT_E_OFFSET;
	}
	if (*s == '\n')
		s++;
	if (*s || (negative && v))
		return BINFMT_E_OFFSET;
	*offset = (unsigned int)v;
	return 0;
}

static int parse_name_type(struct cursor *c, struct binfmt_entry *e)
{
	const char *name = next_field(c);

	if (!name)
		return BINFMT_E_SYNTAX;
	if (copy_str(e->name, sizeof(e->name), name) < 0)
		return BINFMT_E_NAME;
	if (c->p[0] == '\0')
		return BINFMT_E_SYNTAX;
	if ((c->p[0] != 'M' && c->p[0] != 'E') || c->p[1] != c->del)
		return BINFMT_E_TYPE;
	e->type = c->p[0];
	c->p += 2;
	return 0;
}

static int parse_magic_mask(struct cursor *c, struct binfmt_entry *e)
{
	char *offset = next_field(c), *magic, *mask;
	int r;

	if (!offset)
		return BINFMT_E_SYNTAX;
	if (*offset && (r = parse_offset(offset, &e->offset)))
		return r;
	if ((r = next_escaped_field(c, &magic)) || (r = next_escaped_field(c, &mask)))
		return r;
	r = binfmt_magic_decode(magic, strlen(magic), e->magic, &e->magic_len);
	if (r)
		return r;
	r = binfmt_magic_decode(mask, strlen(mask), e->mask, &e->mask_len);
	return r == BINFMT_E_MAGIC_LONG ? BINFMT_E_MASK_LENGTH : r;
}

/* The kernel skips the offset and mask fields of an E entry whatever they
 * hold; we refuse content there, since it would be silently dropped. */
static int parse_extension(struct cursor *c, struct binfmt_entry *e)
{
	const char *offset = next_field(c), *ext, *mask;

	if (!offset || !(ext = next_field(c)) || !(mask = next_field(c)))
		return BINFMT_E_SYNTAX;
	if (*offset || *mask)
		return BINFMT_E_EXTENSION;
	e->magic_len = strlen(ext);
	if (e->magic_len > sizeof(e->magic))
		return BINFMT_E_MAGIC_LONG;
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
		return BINFMT_E_SYNTAX;
	if (copy_str(e->interpreter, sizeof(e->interpreter), interpreter) < 0)
		return BINFMT_E_INTERPRETER;
	flags = c->p;
	end = flags + strspn(flags, "POCF");
	if (end + (*end == '\n') != c->end)
		return BINFMT_E_FLAGS;
	*end = '\0';
	return binfmt_flags_normalize(flags, e->flags) < 0 ? BINFMT_E_FLAGS : 0;
}

int binfmt_entry_parse(const char *line, size_t len, struct binfmt_entry *e)
{
	struct cursor c;
	int r;

	memset(e, 0, sizeof(*e));
	if (len > BINFMT_REGISTER_MAX)
		return BINFMT_E_TOO_LONG;
	if (len < REGISTER_MIN || memchr(line, '\0', len))
		return BINFMT_E_SYNTAX;
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
	return r ? r : binfmt_entry_validate(e);
}

/* ---- validation ---- */

static int validate_name(const char *name)
{
	/* "." and ".." are directory entries, "register" and "status" the
	 * control files beside the entries; systemd-binfmt refuses them too. */
	static const char *const reserved[] = { ".", "..", "register", "status" };

	if (!terminated(name, BINFMT_NAME_MAX + 1) || !*name || strchr(name, '/'))
		return BINFMT_E_NAME;
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcmp(name, reserved[i]))
			return BINFMT_E_NAME;
	return 0;
}

static int validate_match(const struct binfmt_entry *e)
{
	if (e->type != 'M' && e->type != 'E')
		return BINFMT_E_TYPE;
	if (e->magic_len == 0)
		return BINFMT_E_MAGIC_EMPTY;
	/* An extension is bounded by the register string alone. */
	if (e->magic_len > (e->type == 'E' ? sizeof(e->magic) : BINFMT_MAGIC_MAX))
		return BINFMT_E_MAGIC_LONG;
	if (e->type == 'E')
		return e->offset || e->mask_len || memchr(e->magic, '/', e->magic_len) ||
			       memchr(e->magic, '\0', e->magic_len)
			   ? BINFMT_E_EXTENSION
			   : 0;
	if (e->mask_len && e->mask_len != e->magic_len)
		return BINFMT_E_MASK_LENGTH;
	return e->offset > BINFMT_MAGIC_MAX - e->magic_len ? BINFMT_E_RANGE : 0;
}

/* Our own rule: the entry must be something binfmt_entry_format() writes
 * and the kernel takes, so that every valid entry can be registered. */
static int validate_serializable(const struct binfmt_entry *e)
{
	char line[BINFMT_REGISTER_MAX + 1];
	int n = binfmt_entry_format(e, line, sizeof(line));

	if (n == -EINVAL)
		return BINFMT_E_DELIMITER;
	return n < 0 ? BINFMT_E_TOO_LONG : 0;
}

int binfmt_entry_validate(const struct binfmt_entry *e)
{
	int r = validate_name(e->name);

	if (r == 0)
		r = validate_match(e);
	if (r == 0 && (!terminated(e->interpreter, BINFMT_PATH_MAX) || e->interpreter[0] != '/'))
		r = BINFMT_E_INTERPRETER;
	if (r == 0 &&
	    (!terminated(e->flags, sizeof(e->flags)) || e->flags[strspn(e->flags, "POCF")]))
		r = BINFMT_E_FLAGS;
	return r ? r : validate_serializable(e);
}

/* ---- matching ---- */

/* Overlap and matching read magic and mask by index: refuse entries whose
 * lengths do not describe their arrays. */
static bool usable_magic(const struct binfmt_entry *e)
{
	return e->type == 'M' && e->magic_len <= BINFMT_MAGIC_MAX &&
	       (e->mask_len == 0 || e->mask_len == e->magic_len);
}

static unsigned char mask_at(const struct binfmt_entry *e, size_t i)
{
	return e->mask_len ? e->mask[i] : 0xff;
}

static bool same_extension(const struct binfmt_entry *e, const void *ext, size_t len)
{
	return e->type == 'E' && e->magic_len == len && len <= sizeof(e->magic) &&
	       !memcmp(e->magic, ext, len);
}

/* A byte can satisfy both entries unless they demand different values of a
 * bit both masks keep. Where the windows do not overlap nothing conflicts. */
bool binfmt_entries_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	size_t from, to;

	if (a->type == 'E')
		return same_extension(b, a->magic, a->magic_len);
	if (!usable_magic(a) || !usable_magic(b))
		return false;
	from = a->offset > b->offset ? a->offset : b->offset;
	to = a->offset + a->magic_len;
	if (b->offset + b->magic_len < to)
		to = b->offset + b->magic_len;
	for (size_t pos = from; pos < to; pos++) {
		size_t i = pos - a->offset, j = pos - b->offset;

		if ((a->magic[i] ^ b->magic[j]) & mask_at(a, i) & mask_at(b, j))
			return false;
	}
	return true;
}

bool binfmt_entry_matches(const struct binfmt_entry *e, const unsigned char *header, size_t len,
			  const char *filename)
{
	if (e->type == 'E') {
		const char *dot = filename ? strrchr(filename, '.') : NULL;

		return dot && same_extension(e, dot + 1, strlen(dot + 1));
	}
	if (!usable_magic(e))
		return false;
	for (size_t i = 0; i < e->magic_len; i++) {
		size_t pos = (size_t)e->offset + i;
		unsigned char byte = pos < len ? header[pos] : 0;

		if ((byte ^ e->magic[i]) & mask_at(e, i))
			return false;
	}
	return true;
}

/* ---- the status file ---- */

/* bin2hex output: pairs of lowercase (we take any case) hex digits. */
static int parse_hex(const char *s, unsigned char *out, size_t *len)
{
	size_t n = 0;

	for (; *s; s += 2) {
		int hi = hex_digit_value(s[0]), lo = hi < 0 ? -1 : hex_digit_value(s[1]);

		if (n == BINFMT_MAGIC_MAX || lo < 0)
			return -EINVAL;
		out[n++] = (unsigned char)(hi << 4 | lo);
	}
	*len = n;
	return n ? 0 : -EINVAL;
}

static int parse_status_offset(const char *s, unsigned int *offset)
{
	unsigned long long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long long)(*s - '0');
		if (v > INT_MAX)
			return -EINVAL;
	}
	*offset = (unsigned int)v;
	return 0;
}

static int parse_status_flags(const char *s, char flags[8])
{
	char norm[8];

	size_t len = strlen(s);

	if (len >= sizeof(norm) || binfmt_flags_normalize(s, norm) < 0)
		return -EINVAL;
	memcpy(flags, s, len + 1);
	return 0;
}

/* A status file describes either a magic or an extension, never both. */
static int set_type(struct binfmt_status *st, char type)
{
	if (st->type && st->type != type)
		return -EINVAL;
	st->type = type;
	return 0;
}

static int parse_status_extension(const char *ext, struct binfmt_status *st)
{
	size_t len = strlen(ext);

	if (set_type(st, 'E') < 0 || len == 0 || len > sizeof(st->magic))
		return -EINVAL;
	memcpy(st->magic, ext, len);
	st->magic_len = len;
	return 0;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static int parse_status_line(const char *line, struct binfmt_status *st)
{
	if (!strcmp(line, "enabled") || !strcmp(line, "disabled"))
		st->enabled = line[0] == 'e';
	else if (starts(line, "interpreter "))
		return copy_str(st->interpreter, sizeof(st->interpreter), line + 12) ? -EINVAL : 0;
	else if (starts(line, "flags: "))
		return parse_status_flags(line + 7, st->flags);
	else if (starts(line, "offset "))
		return parse_status_offset(line + 7, &st->offset);
	else if (starts(line, "magic "))
		return set_type(st, 'M') < 0 ? -EINVAL
					     : parse_hex(line + 6, st->magic, &st->magic_len);
	else if (starts(line, "mask "))
		return parse_hex(line + 5, st->mask, &st->mask_len);
	else if (starts(line, "extension ."))
		return parse_status_extension(line + 11, st);
	else
		return -EINVAL;
	return 0;
}

/* Each line stands alone: one that cannot be read is counted and the rest
 * are still read. */
int binfmt_status_parse(const char *text, struct binfmt_status *st)
{
	char line[BINFMT_STATUS_MAX + 1];

	memset(st, 0, sizeof(*st));
	while (*text) {
		size_t len = strcspn(text, "\n");

		if (len >= sizeof(line)) {
			st->bad_lines++;
		} else if (len > 0) {
			memcpy(line, text, len);
			line[len] = '\0';
			if (parse_status_line(line, st) < 0)
				st->bad_lines++;
		}
		text += len + (text[len] == '\n');
	}
	return st->bad_lines ? -EINVAL : 0;
}

/* Some kernels store the magic already masked, so compare under the mask. */
static bool same_masked_magic(const struct binfmt_status *st, const struct binfmt_entry *e)
{
	if (st->magic_len != e->magic_len || st->mask_len != e->mask_len ||
	    e->magic_len > BINFMT_MAGIC_MAX || memcmp(st->mask, e->mask, e->mask_len) != 0)
		return false;
	for (size_t i = 0; i < e->magic_len; i++) {
		unsigned char m = e->mask_len ? e->mask[i] : 0xff;

		if ((st->magic[i] & m) != (e->magic[i] & m))
			return false;
	}
	return true;
}

bool binfmt_status_matches(const struct binfmt_status *st, const struct binfmt_entry *e)
{
	char want[8], have[8];

	if (st->bad_lines || binfmt_flags_normalize(e->flags, want) < 0 ||
	    binfmt_flags_normalize(st->flags, have) < 0)
		return false;
	if (!st->enabled || strcmp(want, have) != 0 || st->type != e->type ||
	    strcmp(st->interpreter, e->interpreter) != 0)
		return false;
	if (e->type == 'E')
		return same_extension(e, st->magic, st->magic_len);
	return st->offset == e->offset && same_masked_magic(st, e);
}

int binfmt_status_to_entry(const struct binfmt_status *st, const char *name, struct binfmt_entry *e)
{
	memset(e, 0, sizeof(*e));
	if (st->bad_lines || (st->type != 'M' && st->type != 'E') || st->magic_len == 0 ||
	    st->magic_len > (st->type == 'E' ? sizeof(st->magic) : BINFMT_MAGIC_MAX) ||
	    (st->mask_len && st->mask_len != st->magic_len))
		return -EINVAL;
	if (!terminated(st->flags, sizeof(st->flags)) ||
	    binfmt_flags_normalize(st->flags, e->flags) < 0 ||
	    !terminated(st->interpreter, sizeof(st->interpreter)) ||
	    copy_str(e->name, sizeof(e->name), name) < 0)
		return -EINVAL;
	memcpy(e->interpreter, st->interpreter, strlen(st->interpreter) + 1);
	e->type = st->type;
	memcpy(e->magic, st->magic, st->magic_len);
	e->magic_len = st->magic_len;
	if (e->type == 'M') {
		e->offset = st->offset;
		memcpy(e->mask, st->mask, st->mask_len);
		e->mask_len = st->mask_len;
	}
	return 0;
}
