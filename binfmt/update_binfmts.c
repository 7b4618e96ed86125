/* Debian's update-binfmts(8) format files, read as binfmt-support's
 * --import reads them (get_import(), binfmt_new()) and turned into the
 * register string its --enable writes: flags C, P, F from credentials,
 * preserve and fix_binary. Unlike binfmt-support we refuse unknown keys,
 * detectors (they need binfmt-support's run-detectors) and values other
 * than yes/no, and report each bad line. A whole line whose first
 * non-blank character is '#' is a comment: update-binfmts ignores such
 * lines (Debian's sbcl ships one), and a '#' anywhere else stays part of
 * the line. */
#include "update_binfmts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "register_string.h"
#include "lib/whole_file.h"

/* A format file is a few lines; this only bounds memory on a runaway file. */
#define FORMAT_FILE_MAX ((size_t)1 << 20)

enum key {
	K_PACKAGE,
	K_INTERPRETER,
	K_MAGIC,
	K_OFFSET,
	K_MASK,
	K_EXTENSION,
	K_CREDENTIALS,
	K_PRESERVE,
	K_FIX_BINARY,
	K_DETECTOR,
	K_COUNT,
};

static const char *const key_names[K_COUNT] = {
	[K_PACKAGE] = "package",
	[K_INTERPRETER] = "interpreter",
	[K_MAGIC] = "magic",
	[K_OFFSET] = "offset",
	[K_MASK] = "mask",
	[K_EXTENSION] = "extension",
	[K_CREDENTIALS] = "credentials",
	[K_PRESERVE] = "preserve",
	[K_FIX_BINARY] = "fix_binary",
	[K_DETECTOR] = "detector",
};

/* What the lines said, decoded as they are read so that a bad value is
 * reported on its own line. A key given twice takes its last value, as in
 * binfmt-support's map. */
struct format_file {
	unsigned int line[K_COUNT]; /* where each key was last set; 0: absent */
	bool yes[K_COUNT];	    /* credentials, preserve, fix_binary */
	const char *interpreter, *extension;
	size_t interpreter_len, extension_len;
	unsigned int offset;
	unsigned char magic[BINFMT_MAGIC_MAX], mask[BINFMT_MAGIC_MAX];
	size_t magic_len, mask_len;
};

static int find_key(const char *s, size_t len)
{
	for (int k = 0; k < K_COUNT; k++)
		if (strlen(key_names[k]) == len && !strncasecmp(s, key_names[k], len))
			return k;
	return -1;
}

static int yes_no(const char *s, size_t len, bool *yes, struct binfmt_rule *rule)
{
	if (len == 3 && !memcmp(s, "yes", 3))
		*yes = true;
	else if (len == 2 && !memcmp(s, "no", 2))
		*yes = false;
	else
		return binfmt_rule_break(rule, BINFMT_E_VALUE);
	return 0;
}

/* binfmt-support's --offset takes digits only; past INT_MAX the kernel's
 * kstrtoint() would fail, and past 256 our range rule does. */
static int parse_offset(const char *s, size_t len, unsigned int *offset, struct binfmt_rule *rule)
{
	unsigned long long v = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return binfmt_rule_break(rule, BINFMT_E_VALUE);
		v = v * 10 + (unsigned long long)(s[i] - '0');
		if (v > INT_MAX)
			return binfmt_rule_break(rule, BINFMT_E_RANGE);
	}
	*offset = (unsigned int)v;
	return 0;
}

/* magic and mask are passed to the kernel as binfmt-support reads them, so
 * they are decoded with the kernel's rules. The extension is taken as is. */
static int set_value(struct format_file *f, enum key k, const char *s, size_t len,
		     struct binfmt_rule *rule)
{
	int r;

	switch (k) {
	case K_PACKAGE:
		return 0;
	case K_INTERPRETER:
		f->interpreter = s;
		f->interpreter_len = len;
		return len >= BINFMT_PATH_MAX ? binfmt_rule_break(rule, BINFMT_E_INTERPRETER) : 0;
	case K_MAGIC:
		return binfmt_magic_decode(s, len, f->magic, &f->magic_len, rule);
	case K_MASK:
		r = binfmt_magic_decode(s, len, f->mask, &f->mask_len, rule);
		return r == -E2BIG ? binfmt_rule_break(rule, BINFMT_E_MASK_LENGTH) : r;
	case K_OFFSET:
		return parse_offset(s, len, &f->offset, rule);
	case K_EXTENSION:
		f->extension = s;
		f->extension_len = len;
		return len > BINFMT_FIELD_MAX ? binfmt_rule_break(rule, BINFMT_E_MAGIC_LONG) : 0;
	case K_DETECTOR:
		return binfmt_rule_break(rule, BINFMT_E_DETECTOR);
	default:
		return yes_no(s, len, &f->yes[k], rule);
	}
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Only whole lines: a value may start with '#' ("magic # FASL"). */
static bool is_comment(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && is_space(s[i]))
		i++;
	return i < len && s[i] == '#';
}

/* get_import(): the line is a C string (a NUL ends it), trailing white
 * space goes, the key is what precedes the first space (any case), the
 * value all that follows it. A blank line or a comment says nothing. */
static int read_line(struct format_file *f, const char *s, size_t len, unsigned int line,
		     struct binfmt_rule *rule)
{
	const char *nul = memchr(s, '\0', len), *space;
	int k, r;

	if (nul)
		len = (size_t)(nul - s);
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if (len == 0 || is_comment(s, len))
		return 0;
	space = memchr(s, ' ', len);
	k = space ? find_key(s, (size_t)(space - s)) : -1;
	if (k < 0)
		return binfmt_rule_break(rule, BINFMT_E_KEY);
	r = set_value(f, (enum key)k, space + 1, len - (size_t)(space + 1 - s), rule);
	if (r == 0)
		f->line[k] = line;
	return r;
}

static void copy_bytes(char *dst, const char *src, size_t len)
{
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The type's fields: magic with optional mask and offset, or extension
 * alone. Sets *line to the line that breaks a rule. */
static int build_match(const struct format_file *f, struct binfmt_entry *e, unsigned int *line,
		       struct binfmt_rule *rule)
{
	if (f->line[K_MAGIC] && f->line[K_EXTENSION]) {
		*line = f->line[K_MAGIC] > f->line[K_EXTENSION] ? f->line[K_MAGIC]
								: f->line[K_EXTENSION];
		return binfmt_rule_break(rule, BINFMT_E_BOTH);
	}
	if (f->line[K_MAGIC]) {
		e->type = 'M';
		e->offset = f->offset;
		memcpy(e->magic, f->magic, f->magic_len);
		e->magic_len = f->magic_len;
		memcpy(e->mask, f->mask, f->mask_len);
		e->mask_len = f->mask_len;
		return 0;
	}
	if (!f->line[K_EXTENSION])
		return binfmt_rule_break(rule, BINFMT_E_MISSING);
	if (f->line[K_OFFSET] || f->line[K_MASK]) {
		*line = f->line[K_OFFSET] ? f->line[K_OFFSET] : f->line[K_MASK];
		return binfmt_rule_break(rule, BINFMT_E_EXTENSION);
	}
	e->type = 'E';
	memcpy(e->magic, f->extension, f->extension_len);
	e->magic_len = f->extension_len;
	return 0;
}

/* Where to point at a rule binfmt_entry_validate() found broken. */
static unsigned int rule_line(const struct format_file *f, enum binfmt_error broken)
{
	unsigned int match = f->line[K_MAGIC] ? f->line[K_MAGIC] : f->line[K_EXTENSION];

	switch (broken) {
	case BINFMT_E_INTERPRETER:
		return f->line[K_INTERPRETER];
	case BINFMT_E_MASK_LENGTH:
		return f->line[K_MASK];
	case BINFMT_E_RANGE:
		return f->line[K_OFFSET] ? f->line[K_OFFSET] : match;
	case BINFMT_E_MAGIC_EMPTY:
	case BINFMT_E_MAGIC_LONG:
	case BINFMT_E_EXTENSION:
		return match;
	default:
		return 0;
	}
}

static int build_entry(const struct format_file *f, const char *name, struct binfmt_entry *e,
		       unsigned int *line, struct binfmt_rule *rule)
{
	char flags[4];
	size_t n = 0;
	int r;

	memset(e, 0, sizeof(*e));
	*line = 0;
	if (strlen(name) >= sizeof(e->name))
		return binfmt_rule_break(rule, BINFMT_E_NAME);
	memcpy(e->name, name, strlen(name) + 1);
	if (!f->line[K_PACKAGE] || !f->interpreter)
		return binfmt_rule_break(rule, BINFMT_E_MISSING);
	copy_bytes(e->interpreter, f->interpreter, f->interpreter_len);
	r = build_match(f, e, line, rule);
	if (r < 0)
		return r;
	/* The order binfmt-support writes them in; normalizing sorts them and
	 * adds the O that C implies. */
	if (f->yes[K_CREDENTIALS])
		flags[n++] = 'C';
	if (f->yes[K_PRESERVE])
		flags[n++] = 'P';
	if (f->yes[K_FIX_BINARY])
		flags[n++] = 'F';
	flags[n] = '\0';
	binfmt_flags_normalize(flags, e->flags);
	r = binfmt_entry_validate(e, rule);
	if (r < 0)
		*line = rule_line(f, rule->broken);
	return r;
}

/* The one entry of a file whose lines all read well. */
static int report_entry(const struct format_file *f, const char *name, const char *file,
			const struct binfmt_sink *sink)
{
	char text[BINFMT_REGISTER_MAX + 1];
	struct binfmt_origin at = { .file = file, .line = 0 };
	struct binfmt_rule rule = { BINFMT_OK };
	struct binfmt_entry e;
	unsigned int line;
	int r = build_entry(f, name, &e, &line, &rule);

	if (r == 0 && binfmt_entry_format(&e, text, sizeof(text)) < 0)
		r = binfmt_rule_break(&rule, BINFMT_E_TOO_LONG); /* validate() promised otherwise */
	if (r < 0) {
		binfmt_sink_error(sink, r, &rule, file, line);
		return 1;
	}
	return sink->entry ? sink->entry(sink->arg, &e, text, &at) : 0;
}

int update_binfmts_parse_text(const char *text, size_t len, const char *name, const char *file,
			      const struct binfmt_sink *sink)
{
	struct format_file f = { 0 };
	unsigned int line = 0;
	size_t at = 0;
	int bad = 0;

	/* getline(): lines end at '\n' only; a last line may lack it. */
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct binfmt_rule rule = { BINFMT_OK };
		int r = read_line(&f, text + at, end - at, ++line, &rule);

		if (r < 0) {
			binfmt_sink_error(sink, r, &rule, file, line);
			bad++;
		}
		at = end + 1;
	}
	return bad ? bad : report_entry(&f, name, file, sink);
}

int update_binfmts_parse_file(const char *path, const struct binfmt_sink *sink)
{
	const char *slash = strrchr(path, '/');
	char *text = NULL;
	size_t len = 0;
	int r = read_whole_file(path, FORMAT_FILE_MAX, &text, &len);

	if (r < 0) {
		binfmt_sink_error(sink, r, NULL, path, 0);
		return r;
	}
	/* The entry is named after the file, as update-binfmts --import does. */
	r = update_binfmts_parse_text(text, len, slash ? slash + 1 : path, path, sink);
	free(text);
	return r;
}
