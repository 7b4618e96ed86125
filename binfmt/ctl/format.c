/* Entry rendering for `list` and `show`, in text and JSON. */
#include "format.h"

#include <elf.h>
#include <string.h>

#include "binfmt/elf.h"

/* Large enough for a register string, an extension, and a magic or mask
 * in hex. */
#define LINE_MAX_LEN (2 * BINFMT_FIELD_MAX + 8 * BINFMT_MAGIC_MAX)

const char *ctl_state_str(bool enabled)
{
	return enabled ? "enabled" : "disabled";
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
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
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

static void print_field(FILE *out, const char *field, const char *value)
{
	fprintf(out, "%-12s %s\n", field, value);
}

void ctl_print_entry(FILE *out, const struct ctl_row *row)
{
	const struct binfmt_entry *e = &row->e;
	char buf[LINE_MAX_LEN];

	print_field(out, "name:", e->name);
	print_field(out, "state:", ctl_state_str(row->enabled));
	print_field(out, "matches:", ctl_match_summary(e, buf, sizeof(buf)));
	if (e->type == 'E') {
		print_field(out, "type:", "extension");
	} else if (e->type != 'M') {
		print_field(out, "type:", "unknown (its status is not fully understood)");
	} else {
		print_field(out, "type:", "magic");
		fprintf(out, "%-12s %u\n", "offset:", e->offset);
		print_field(out, "magic:", ctl_hex(e->magic, e->magic_len, buf));
		print_field(out,
			    "mask:", e->mask_len ? ctl_hex(e->mask, e->mask_len, buf) : "none");
	}
	print_field(out, "interpreter:", e->interpreter);
	print_field(out, "flags:", ctl_flags_words(e->flags, buf, sizeof(buf)));
	if (binfmt_entry_format(e, buf, sizeof(buf)) >= 0)
		print_field(out, "register:", buf);
}

static int max_int(int a, size_t b)
{
	return b > (size_t)a ? (int)b : a;
}

void ctl_print_table(FILE *out, const struct ctl_row *rows, size_t count)
{
	int wname = 4, winterp = 11; /* the headers' widths */
	char match[BINFMT_FIELD_MAX + 16];

	for (size_t i = 0; i < count; i++) {
		wname = max_int(wname, strlen(rows[i].e.name));
		winterp = max_int(winterp, strlen(rows[i].e.interpreter));
	}
	fprintf(out, "%-*s  %-8s  %-5s  %-*s  %s\n", wname, "NAME", "STATE", "FLAGS", winterp,
		"INTERPRETER", "MATCHES");
	for (size_t i = 0; i < count; i++) {
		const struct binfmt_entry *e = &rows[i].e;

		fprintf(out, "%-*s  %-8s  %-5s  %-*s  %s\n", wname, e->name,
			ctl_state_str(rows[i].enabled), e->flags[0] ? e->flags : "-", winterp,
			e->interpreter, ctl_match_summary(e, match, sizeof(match)));
	}
}

static void json_hex_or_null(struct json *j, const char *key, const unsigned char *bytes,
			     size_t len)
{
	json_key(j, key);
	if (len && len <= BINFMT_MAGIC_MAX) {
		char hex[2 * BINFMT_MAGIC_MAX + 1];

		json_string(j, ctl_hex(bytes, len, hex));
	} else {
		json_null(j);
	}
}

void ctl_json_entry(struct json *j, const struct ctl_row *row)
{
	const struct binfmt_entry *e = &row->e;
	char buf[LINE_MAX_LEN];
	bool ext = e->type == 'E', magic = e->type == 'M';

	json_object_begin(j);
	json_kv_string(j, "name", e->name);
	json_kv_bool(j, "enabled", row->enabled);
	json_key(j, "type");
	if (ext || magic)
		json_string(j, ext ? "extension" : "magic");
	else
		json_null(j);
	json_kv_uint(j, "offset", e->offset);
	json_hex_or_null(j, "magic", e->magic, magic ? e->magic_len : 0);
	json_hex_or_null(j, "mask", e->mask, magic ? e->mask_len : 0);
	json_key(j, "extension");
	if (ext) {
		snprintf(buf, sizeof(buf), "%.*s", (int)e->magic_len, (const char *)e->magic);
		json_string(j, buf);
	} else {
		json_null(j);
	}
	json_kv_string(j, "interpreter", e->interpreter);
	json_kv_string(j, "flags", e->flags);
	json_kv_string(j, "matches", ctl_match_summary(e, buf, sizeof(buf)));
	json_key(j, "register");
	if (binfmt_entry_format(e, buf, sizeof(buf)) >= 0)
		json_string(j, buf);
	else
		json_null(j);
	json_object_end(j);
}
