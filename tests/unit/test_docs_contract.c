/* The init's man page keeps up with the tables it documents: every key of
 * rosetta-init's command line table (init/config.c) and every stage of
 * lib/contract.h is in docs/rosetta-init.8, and every key or stage the page
 * names exists. The page is read from the source tree: tests/run runs the
 * unit tests from the repository's root. */
#include "init/config.h"
#include "lib/contract.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAN_PAGE   "docs/rosetta-init.8"
#define PAGE_LINES 4096
#define TEXT_MAX   1024 /* one line of the page */

struct page {
	char *text;
	char *line[PAGE_LINES];
	size_t n;
};

/* Lines [from, to) of the page. */
struct range {
	size_t from, to;
};

static void page_load(struct page *p)
{
	FILE *f = fopen(MAN_PAGE, "r");
	size_t size = 0;

	if (!f) {
		fail_msg("%s: %s (the unit tests run from the repository's root, as tests/run "
			 "runs them)",
			 MAN_PAGE, strerror(errno));
		return;
	}
	p->text = calloc(1, 1 << 20);
	assert_non_null(p->text);
	size = fread(p->text, 1, (1 << 20) - 1, f);
	fclose(f);
	for (char *s = p->text; s < p->text + size && p->n < PAGE_LINES; p->n++) {
		char *nl = strchr(s, '\n');

		p->line[p->n] = s;
		if (!nl)
			break;
		*nl = '\0';
		s = nl + 1;
	}
}

/* The page, read once: a test that cannot read it fails, saying why. */
static const struct page *page(void)
{
	static struct page page;

	if (!page.text)
		page_load(&page);
	return &page;
}

/* The text of a roff line without its escapes: fonts, \&, \c, \% are
 * dropped, \- is a hyphen, \e a backslash, a special character \(xx a '?'. */
static void plain(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (const char *s = in; *s && n + 1 < size; s++) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s;
			continue;
		}
		s++;
		if (*s == 'f')
			s += s[1] == '(' ? 3 : s[1] == '[' ? strcspn(s, "]") : 1;
		else if (*s == '(')
			s += 2, out[n++] = '?';
		else if (*s == '-')
			out[n++] = '-';
		else if (*s == 'e')
			out[n++] = '\\';
		else if (*s == ' ' || *s == '~')
			out[n++] = ' ';
		else if (*s != '&' && *s != 'c' && *s != '%')
			out[n++] = *s;
	}
	out[n] = '\0';
}

/* The section .SH NAME (quoted or not), up to the next .SH. */
static struct range section(const struct page *p, const char *name)
{
	struct range r = { 0, 0 };
	size_t len = strlen(name);

	for (size_t i = 0; i < p->n; i++) {
		const char *title = p->line[i] + 4;

		if (strncmp(p->line[i], ".SH ", 4) != 0)
			continue;
		if (r.from) {
			r.to = i;
			return r;
		}
		title += *title == '"';
		if (!strncmp(title, name, len) && strchr("\"", title[len]))
			r.from = i + 1;
	}
	if (!r.from)
		fail_msg("%s: no section %s", MAN_PAGE, name);
	r.to = p->n;
	return r;
}

/* The first argument of a request line, ".BR switch ," -> "switch". */
static void first_word(const char *line, char *word, size_t size)
{
	char text[TEXT_MAX];
	const char *s;

	plain(line, text, sizeof(text));
	s = text + strcspn(text, " ");
	s += strspn(s, " \"");
	snprintf(word, size, "%.*s", (int)strcspn(s, " \""), s);
}

/* The names in rosetta.NAME mentions of a line, in order, as written after
 * "rosetta.": lower case, digits, '_' and '.', a sentence's full stop
 * dropped. Upper case is a placeholder (rosetta.KEY, rosetta.env.NAME). */
static size_t mentions(const char *line, char names[][64], size_t max)
{
	static const char prefix[] = KEY_PREFIX;
	char text[TEXT_MAX];
	size_t count = 0;

	plain(line, text, sizeof(text));
	for (const char *s = strstr(text, prefix); s && count < max; s = strstr(s + 1, prefix)) {
		const char *name = s + strlen(prefix);
		size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_.");

		if (s > text && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "0123456789_./-",
				       s[-1]))
			continue;
		if (len && name[len - 1] == '.' && strncmp(name, KEY_ENV_PREFIX, len) != 0)
			len--;
		if (len)
			snprintf(names[count++], 64, "%.*s", (int)len, name);
	}
	return count;
}

static bool is_table_key(const char *name)
{
	for (size_t i = 0; i < config_key_count(); i++)
		if (!strcmp(name, config_key_name(i)))
			return true;
	return false;
}

/* rosetta.env.NAME: the prefix, or the prefix alone without its dot. */
static bool is_env_key(const char *name)
{
	size_t len = strlen(KEY_ENV_PREFIX) - 1;

	return !strncmp(name, KEY_ENV_PREFIX, len) && (!name[len] || name[len] == '.');
}

/* Whether a .TP head of lines r names rosetta.NAME. */
static bool head_names(const struct page *p, struct range r, const char *name)
{
	for (size_t i = r.from; i + 1 < r.to; i++) {
		char found[8][64];
		size_t n;

		if (strcmp(p->line[i], ".TP") != 0)
			continue;
		n = mentions(p->line[i + 1], found, 8);
		for (size_t k = 0; k < n; k++)
			if (!strcmp(found[k], name))
				return true;
	}
	return false;
}

static void every_key_is_documented(void **state)
{
	const struct page *p = page();
	struct range r = section(p, "KERNEL COMMAND LINE");
	int missing = 0;

	(void)state;
	assert_true(config_key_count() > 20);
	for (size_t i = 0; i < config_key_count(); i++)
		if (!head_names(p, r, config_key_name(i))) {
			print_error("%s: no item for key %s%s\n", MAN_PAGE, KEY_PREFIX,
				    config_key_name(i));
			missing++;
		}
	if (!head_names(p, r, KEY_ENV_PREFIX)) {
		print_error("%s: no item for %s%sNAME\n", MAN_PAGE, KEY_PREFIX, KEY_ENV_PREFIX);
		missing++;
	}
	assert_int_equal(missing, 0);
}

static void every_documented_key_exists(void **state)
{
	const struct page *p = page();
	int unknown = 0, seen = 0;

	(void)state;
	for (size_t i = 0; i < p->n; i++) {
		char found[16][64];
		size_t n = mentions(p->line[i], found, 16);

		for (size_t k = 0; k < n; k++, seen++)
			if (!is_table_key(found[k]) && !is_env_key(found[k])) {
				print_error("%s:%zu: %s%s is no key of rosetta-init\n", MAN_PAGE,
					    i + 1, KEY_PREFIX, found[k]);
				unknown++;
			}
	}
	assert_true(seen > 50);
	assert_int_equal(unknown, 0);
}

/* The section's .TP heads, in order, are the stages, in boot order. */
static void every_stage_is_documented(void **state)
{
	const struct page *p = page();
	struct range r = section(p, "STAGES");
	size_t stage = 0;

	(void)state;
	for (size_t i = r.from; i + 1 < r.to; i++) {
		char word[64];

		if (strcmp(p->line[i], ".TP") != 0)
			continue;
		first_word(p->line[i + 1], word, sizeof(word));
		if (stage == STAGE_COUNT)
			fail_msg("%s:%zu: STAGES lists '%s', which is no stage", MAN_PAGE, i + 2,
				 word);
		if (strcmp(word, contract_stage_names[stage]) != 0)
			fail_msg("%s:%zu: STAGES lists '%s' where stage %s belongs", MAN_PAGE,
				 i + 2, word, contract_stage_names[stage]);
		stage++;
	}
	if (stage < STAGE_COUNT)
		fail_msg("%s: STAGES lacks stage %s", MAN_PAGE, contract_stage_names[stage]);
}

/* Whether a .TP head is rosetta.break's. */
static bool is_break_head(const char *line)
{
	char found[8][64];

	return mentions(line, found, 8) && !strcmp(found[0], KEY_BREAK);
}

/* The line after "one of" in the rosetta.break item: its values start. */
static size_t break_values(const struct page *p)
{
	struct range r = section(p, "KERNEL COMMAND LINE");
	bool in_item = false;

	for (size_t i = r.from; i + 1 < r.to; i++) {
		if (!strcmp(p->line[i], ".TP"))
			in_item = is_break_head(p->line[i + 1]);
		else if (in_item && strstr(p->line[i], "one of"))
			return i + 1;
	}
	fail_msg("%s: no item %s%s= with 'one of' and its values", MAN_PAGE, KEY_PREFIX, KEY_BREAK);
	return 0;
}

/* The values rosetta.break accepts, one .B or .BR line each, are the
 * stages in boot order. */
static void break_lists_every_stage(void **state)
{
	const struct page *p = page();
	size_t i = break_values(p), stage = 0;

	(void)state;
	for (; i < p->n && (!strncmp(p->line[i], ".B ", 3) || !strncmp(p->line[i], ".BR ", 4));
	     i++) {
		char word[64];

		first_word(p->line[i], word, sizeof(word));
		if (stage == STAGE_COUNT)
			fail_msg("%s:%zu: rosetta.break lists '%s', which is no stage", MAN_PAGE,
				 i + 1, word);
		if (strcmp(word, contract_stage_names[stage]) != 0)
			fail_msg("%s:%zu: rosetta.break lists '%s' where stage %s belongs",
				 MAN_PAGE, i + 1, word, contract_stage_names[stage]);
		stage++;
	}
	if (stage < STAGE_COUNT)
		fail_msg("%s: rosetta.break does not list stage %s", MAN_PAGE,
			 contract_stage_names[stage]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key_is_documented),
		cmocka_unit_test(every_documented_key_exists),
		cmocka_unit_test(every_stage_is_documented),
		cmocka_unit_test(break_lists_every_stage),
	};

	return cmocka_run_group_tests_name("docs_contract", tests, NULL, NULL);
}
