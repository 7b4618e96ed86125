/* Entry rendering for `list` and `show`: the words for an entry's match
 * and flags, and the entry columns. */
#include "format.h"

#include <elf.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "binfmt/elf.h"
#include "output.h"
#include "lib/array_size.h"

const char *ctl_state_str(bool enabled)
{
	return enabled ? "enabled" : "disabled";
}

const char *ctl_yes_no(bool v)
{
	return v ? "yes" : "no";
}

char *ctl_hex(const unsigned char *bytes, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * len] = '\0';
	return out;
}

/* Byte i of the magic as the kernel compares it: under the mask. */
static bool byte_fixed(const struct binfmt_entry *e, size_t i)
{
	return i < e->magic_len && (!e->mask_len || e->mask[i] == 0xff);
}

/* An ELF magic names class, data encoding and (at bytes 18 and 19, when the
 * mask keeps them) the machine: worth saying in words. */
static bool elf_summary(const struct binfmt_entry *e, char *buf, size_t size)
{
	bool le;
	int n;

	if (e->offset != 0 || e->magic_len < 6 || memcmp(e->magic, ELFMAG, SELFMAG) != 0)
		return false;
	le = e->magic[5] != 2;
	n = snprintf(buf, size, "ELF%s %s", e->magic[4] == 2 ? "64" : "32", le ? "LSB" : "MSB");
	if (n > 0 && (size_t)n < size && byte_fixed(e, 18) && byte_fixed(e, 19)) {
		char name[32];
		unsigned int m =
		    le ? e->magic[18] | e->magic[19] << 8 : e->magic[18] << 8 | e->magic[19];

		snprintf(buf + n, size - (size_t)n, " %s",
			 elf_machine_name((uint16_t)m, name, sizeof(name)));
	}
	return true;
}

const char *ctl_match_summary(const struct binfmt_entry *e, char *buf, size_t size)
{
	char hex[2 * 8 + 1];
	size_t shown = e->magic_len < 8 ? e->magic_len : 8;

	if (e->type != 'M' && e->type != 'E') {
		snprintf(buf, size, "unknown");
		return buf;
	}
	if (e->type == 'E') {
		snprintf(buf, size, "extension .%.*s", (int)e->magic_len, (const char *)e->magic);
		return buf;
	}
	if (elf_summary(e, buf, size))
		return buf;
	snprintf(buf, size, "magic %s%s at %u", ctl_hex(e->magic, shown, hex),
		 e->magic_len > shown ? "..." : "", e->offset);
	return buf;
}

const char *ctl_flags_words(const char *flags, char *buf, size_t size)
{
	static const struct {
		char flag;
		const char *word;
	} words[] = {
		{ 'P', "preserve-argv0" },
		{ 'O', "open-binary" },
		{ 'C', "credentials" },
		{ 'F', "fix-binary" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		int n;

		if (!strchr(flags, words[i].flag))
			continue;
		n = snprintf(buf + used, size - used, "%s%c (%s)", used ? ", " : "", words[i].flag,
			     words[i].word);
		if (n < 0 || (size_t)n >= size - used) {
			buf[used] = '\0'; /* whole words or none */
			break;
		}
		used += (size_t)n;
	}
	return used ? buf : "none";
}

enum {
	COL_NAME,
	COL_STATE,
	COL_ENABLED,
	COL_TYPE,
	COL_OFFSET,
	COL_MAGIC,
	COL_MASK,
	COL_EXTENSION,
	COL_INTERPRETER,
	COL_FLAGS,
	COL_MATCHES,
	COL_REGISTER,
	COL_COUNT,
};

static const struct table_column columns[COL_COUNT] = {
	[COL_NAME] = { "NAME", SCOLS_JSON_STRING, "entry name" },
	[COL_STATE] = { "STATE", SCOLS_JSON_STRING, "enabled or disabled" },
	[COL_ENABLED] = { "ENABLED", SCOLS_JSON_BOOLEAN, "whether the entry is enabled" },
	[COL_TYPE] = { "TYPE", SCOLS_JSON_STRING, "magic or extension" },
	[COL_OFFSET] = { "OFFSET", SCOLS_JSON_NUMBER, "where the magic is compared" },
	[COL_MAGIC] = { "MAGIC", SCOLS_JSON_STRING, "the magic bytes, in hex" },
	[COL_MASK] = { "MASK", SCOLS_JSON_STRING, "the mask of the magic, in hex" },
	[COL_EXTENSION] = { "EXTENSION", SCOLS_JSON_STRING, "the file name extension" },
	[COL_INTERPRETER] = { "INTERPRETER", SCOLS_JSON_STRING, "the interpreter" },
	[COL_FLAGS] = { "FLAGS", SCOLS_JSON_STRING, "letters of POCF" },
	[COL_MATCHES] = { "MATCHES", SCOLS_JSON_STRING, "what the entry matches, in words" },
	[COL_REGISTER] = { "REGISTER", SCOLS_JSON_STRING, "the register string", true },
};

static const char *hex_or_null(const unsigned char *bytes, size_t len, char *buf, size_t size)
{
	if (!len || len > BINFMT_MAGIC_MAX || size < 2 * len + 1)
		return NULL;
	return ctl_hex(bytes, len, buf);
}

/* What only a magic entry has: where, what, under which mask. show says
 * "none" for no mask where data has none. */
static const char *magic_cell(const struct binfmt_entry *e, size_t col, bool human, char *buf,
			      size_t size)
{
	if (e->type != 'M')
		return NULL;
	if (col == COL_OFFSET) {
		snprintf(buf, size, "%u", e->offset);
		return buf;
	}
	if (col == COL_MAGIC)
		return hex_or_null(e->magic, e->magic_len, buf, size);
	if (!e->mask_len)
		return human ? "none" : NULL;
	return hex_or_null(e->mask, e->mask_len, buf, size);
}

static const char *type_cell(const struct binfmt_entry *e, bool human)
{
	if (e->type == 'M' || e->type == 'E')
		return e->type == 'M' ? "magic" : "extension";
	return human ? "unknown (its status is not fully understood)" : NULL;
}

static const char *entry_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct ctl_row *r = row;
	const struct binfmt_entry *e = &r->e;

	switch (col) {
	case COL_NAME:
		return e->name;
	case COL_STATE:
		return ctl_state_str(r->enabled);
	case COL_ENABLED:
		return ctl_yes_no(r->enabled);
	case COL_TYPE:
		return type_cell(e, human);
	case COL_OFFSET:
		/* Data for every entry, as scripts have read it; in words only
		 * where a magic makes it mean something. */
		if (!human && e->type != 'M') {
			snprintf(buf, size, "%u", e->offset);
			return buf;
		}
		return magic_cell(e, col, human, buf, size);
	case COL_MAGIC:
	case COL_MASK:
		return magic_cell(e, col, human, buf, size);
	case COL_EXTENSION:
		if (e->type != 'E')
			return NULL;
		snprintf(buf, size, "%.*s", (int)e->magic_len, (const char *)e->magic);
		return buf;
	case COL_INTERPRETER:
		return e->interpreter;
	case COL_FLAGS:
		return human ? ctl_flags_words(e->flags, buf, size) : e->flags;
	case COL_MATCHES:
		return ctl_match_summary(e, buf, size);
	case COL_REGISTER:
		return binfmt_entry_format(e, buf, size) >= 0 ? buf : NULL;
	}
	return NULL;
}

#define ENTRY_JSON                                                                                 \
	"NAME,ENABLED,TYPE,OFFSET,MAGIC,MASK,EXTENSION,INTERPRETER,FLAGS,MATCHES,REGISTER"

const struct table_column_set ctl_entry_columns = {
	.v = columns,
	.n = COL_COUNT,
	.cell = entry_cell,
	.defaults = "NAME,STATE,FLAGS,INTERPRETER,MATCHES",
	.json_defaults = ENTRY_JSON,
	.json_name = "entries",
};

const struct table_column_set ctl_show_columns = {
	.v = columns,
	.n = COL_COUNT,
	.cell = entry_cell,
	.defaults = "NAME,STATE,MATCHES,TYPE,OFFSET,MAGIC,MASK,INTERPRETER,FLAGS,REGISTER",
	.json_defaults = ENTRY_JSON,
	.json_name = "entries",
	.fields = true,
};
