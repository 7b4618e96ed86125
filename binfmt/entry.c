/* Entry model, register string formatting and status file parsing. */
#include "entry.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first 20 bytes of an x86-64 ELF header: class 64, little-endian,
 * version 1, any OS/ABI, e_type ET_EXEC or ET_DYN (the mask clears bit 0 of
 * the low byte), e_machine EM_X86_64. Taken from ROSETTA.md. */
static const unsigned char x86_64_magic[20] = { 0x7f, 'E',  'L',  'F',	0x02, 0x01, 0x01,
						0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
						0x00, 0x00, 0x02, 0x00, 0x3e, 0x00 };
static const unsigned char x86_64_mask[20] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xfe,
					       0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					       0xff, 0xff, 0xfe, 0xff, 0xff, 0xff };

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

static size_t put_hex(char *out, const unsigned char *bytes, size_t len)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[4 * i] = '\\';
		out[4 * i + 1] = 'x';
		out[4 * i + 2] = digits[bytes[i] >> 4];
		out[4 * i + 3] = digits[bytes[i] & 15];
	}
	return 4 * len;
}

int binfmt_entry_format(const struct binfmt_entry *e, char *buf, size_t size)
{
	char magic[4 * BINFMT_MAGIC_MAX + 1], mask[4 * BINFMT_MAGIC_MAX + 1];
	int n;

	if (strchr(e->interpreter, ':') || strchr(e->name, ':'))
		return -EINVAL;
	magic[put_hex(magic, e->magic, e->magic_len)] = '\0';
	mask[put_hex(mask, e->mask, e->mask_len)] = '\0';
	n = snprintf(buf, size, ":%s:%c:%u:%s:%s:%s:%s", e->name, e->type, e->offset, magic, mask,
		     e->interpreter, e->flags);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return n;
}

static int parse_hex(const char *s, unsigned char *out, size_t *len)
{
	size_t n = 0;

	while (s[0] && s[0] != '\n') {
		unsigned int byte;

		if (n == BINFMT_MAGIC_MAX || sscanf(s, "%2x", &byte) != 1 || !s[1])
			return -EINVAL;
		out[n++] = (unsigned char)byte;
		s += 2;
	}
	*len = n;
	return 0;
}

static int parse_status_line(const char *line, struct binfmt_status *st)
{
	const char *v;

	if (strncmp(line, "enabled", 7) == 0 && (line[7] == '\n' || !line[7]))
		st->enabled = true;
	else if (strncmp(line, "disabled", 8) == 0)
		st->enabled = false;
	else if ((v = strchr(line, ' ')) && strncmp(line, "interpreter ", 12) == 0)
		return copy_str(st->interpreter, sizeof(st->interpreter), v + 1) == 0 ? 0 : -EINVAL;
	else if (strncmp(line, "flags: ", 7) == 0)
		return copy_str(st->flags, sizeof(st->flags), line + 7) == 0 ? 0 : -EINVAL;
	else if (strncmp(line, "offset ", 7) == 0)
		st->offset = (unsigned int)strtoul(line + 7, NULL, 10);
	else if (strncmp(line, "magic ", 6) == 0)
		return parse_hex(line + 6, st->magic, &st->magic_len);
	else if (strncmp(line, "mask ", 5) == 0)
		return parse_hex(line + 5, st->mask, &st->mask_len);
	else if (strncmp(line, "extension ", 10) == 0)
		return 0;
	else
		return -EINVAL;
	return 0;
}

int binfmt_status_parse(const char *text, struct binfmt_status *st)
{
	char line[BINFMT_PATH_MAX + 16];

	memset(st, 0, sizeof(*st));
	while (*text) {
		size_t len = strcspn(text, "\n");

		if (len >= sizeof(line))
			return -EINVAL;
		memcpy(line, text, len);
		line[len] = '\0';
		text += len + (text[len] == '\n');
		if (len > 0 && parse_status_line(line, st) < 0)
			return -EINVAL;
	}
	return 0;
}

/* Some kernels store the magic already masked, so compare under the mask. */
static bool same_masked_magic(const struct binfmt_status *st, const struct binfmt_entry *e)
{
	if (st->magic_len != e->magic_len || st->mask_len != e->mask_len ||
	    memcmp(st->mask, e->mask, e->mask_len) != 0)
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

	if (binfmt_flags_normalize(e->flags, want) < 0 ||
	    binfmt_flags_normalize(st->flags, have) < 0)
		return false;
	return st->enabled && strcmp(want, have) == 0 &&
	       strcmp(st->interpreter, e->interpreter) == 0 && st->offset == e->offset &&
	       same_masked_magic(st, e);
}
