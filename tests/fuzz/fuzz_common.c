/* Invariants of libbinfmt's parsers, checked on whatever the fuzzer finds
 * that they accept. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

static void check(int ok)
{
	if (!ok)
		abort();
}

void fuzz_assert_equal(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	check(!strcmp(a->name, b->name) && a->type == b->type && a->offset == b->offset);
	check(a->magic_len == b->magic_len && !memcmp(a->magic, b->magic, a->magic_len));
	check(a->mask_len == b->mask_len && !memcmp(a->mask, b->mask, a->mask_len));
	check(!strcmp(a->interpreter, b->interpreter) && !strcmp(a->flags, b->flags));
}

/* A file the entry must claim: its magic at its offset (zeros elsewhere),
 * or a name ending in ".EXT" when the extension holds no dot (the kernel
 * compares with the text after the last one). */
static void check_matches_itself(const struct binfmt_entry *e)
{
	char name[BINFMT_FIELD_MAX + 4] = "f.";

	if (e->type == 'M') {
		unsigned char header[BINFMT_MAGIC_MAX] = { 0 };

		memcpy(header + e->offset, e->magic, e->magic_len);
		check(binfmt_entry_matches(e, header, e->offset + e->magic_len, NULL));
	} else if (!memchr(e->magic, '.', e->magic_len)) {
		memcpy(name + 2, e->magic, e->magic_len);
		check(binfmt_entry_matches(e, NULL, 0, name));
	}
}

void fuzz_check_entry(const struct binfmt_entry *e)
{
	char line[BINFMT_REGISTER_MAX + 1];
	struct binfmt_entry again;
	int n;

	check(binfmt_entry_validate(e, NULL) == 0);
	n = binfmt_entry_format(e, line, sizeof(line));
	check(n > 0 && (size_t)n == strlen(line));
	check(binfmt_entry_parse(line, (size_t)n, &again, NULL) == 0);
	fuzz_assert_equal(e, &again);
	check(binfmt_entries_overlap(e, e));
	check_matches_itself(e);
}

static int on_entry(void *arg, const struct binfmt_entry *e, const char *line,
		    const struct binfmt_origin *at)
{
	struct fuzz_counts *c = arg;
	struct binfmt_entry reparsed;

	(void)at;
	check(binfmt_entry_parse(line, strlen(line), &reparsed, NULL) == 0);
	fuzz_assert_equal(e, &reparsed);
	fuzz_check_entry(e);
	c->entries++;
	return 0;
}

/* Text parsers find broken rules only: each comes with a negative errno
 * and a rule that has a phrase. */
static void on_error(void *arg, int err, const struct binfmt_rule *rule,
		     const struct binfmt_origin *at)
{
	struct fuzz_counts *c = arg;
	const char *msg = binfmt_rule_text(rule->broken);

	check(err < 0 && rule->broken != BINFMT_OK && at->file && msg &&
	      !strstr(msg, "unknown libbinfmt"));
	c->errors++;
}

const struct binfmt_sink fuzz_sink_template = { .entry = on_entry, .error = on_error };
