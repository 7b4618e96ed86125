/* The kernel's per-entry status file, /proc/sys/fs/binfmt_misc/NAME: its
 * lines read one by one, compared with an entry, turned into one. */
#include "status_file.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "field.h"
#include "lib/hex.h"
#include "match.h"

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
		return field_copy(st->interpreter, sizeof(st->interpreter), line + 12) ? -EINVAL
										       : 0;
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
		return binfmt_entry_has_extension(e, st->magic, st->magic_len);
	return st->offset == e->offset && same_masked_magic(st, e);
}

int binfmt_status_to_entry(const struct binfmt_status *st, const char *name, struct binfmt_entry *e)
{
	memset(e, 0, sizeof(*e));
	if (st->bad_lines || (st->type != 'M' && st->type != 'E') || st->magic_len == 0 ||
	    st->magic_len > (st->type == 'E' ? sizeof(st->magic) : BINFMT_MAGIC_MAX) ||
	    (st->mask_len && st->mask_len != st->magic_len))
		return -EINVAL;
	if (!field_terminated(st->flags, sizeof(st->flags)) ||
	    binfmt_flags_normalize(st->flags, e->flags) < 0 ||
	    !field_terminated(st->interpreter, sizeof(st->interpreter)) ||
	    field_copy(e->name, sizeof(e->name), name) < 0)
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
