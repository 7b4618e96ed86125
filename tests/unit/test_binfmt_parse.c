/* libbinfmt register strings: parsing as the kernel's create_entry() does
 * (fs/binfmt_misc.c), and formatting back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "binfmt/entry.h"

/* The rule binfmt_entry_parse() names, BINFMT_OK when it accepts line: a
 * rule comes with a negative errno, acceptance with 0. */
static enum binfmt_error parse_len(const char *line, size_t len, struct binfmt_entry *e)
{
	struct binfmt_rule rule;
	int r = binfmt_entry_parse(line, len, e, &rule);

	assert_true(r < 0 ? rule.broken != BINFMT_OK : r == 0 && rule.broken == BINFMT_OK);
	return rule.broken;
}

static enum binfmt_error parse(const char *line, struct binfmt_entry *e)
{
	return parse_len(line, strlen(line), e);
}

static void assert_entries_equal(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->offset, b->offset);
	assert_int_equal(a->magic_len, b->magic_len);
	assert_memory_equal(a->magic, b->magic, a->magic_len);
	assert_int_equal(a->mask_len, b->mask_len);
	if (a->mask_len)
		assert_memory_equal(a->mask, b->mask, a->mask_len);
	assert_string_equal(a->interpreter, b->interpreter);
	assert_string_equal(a->flags, b->flags);
}

/* parse, format, parse: the same entry, and the formatted line again. */
static void assert_round_trip(const char *line)
{
	struct binfmt_entry a, b;
	char out[BINFMT_REGISTER_MAX + 1], again[BINFMT_REGISTER_MAX + 1];
	int n;

	assert_int_equal(parse(line, &a), 0);
	n = binfmt_entry_format(&a, out, sizeof(out));
	assert_true(n > 0);
	assert_int_equal(parse_len(out, (size_t)n, &b), 0);
	assert_entries_equal(&a, &b);
	assert_int_equal(binfmt_entry_format(&b, again, sizeof(again)), n);
	assert_string_equal(out, again);
}

static void parses_the_rosetta_line(void **state)
{
	static const char line[] =
	    ":rosetta:M:0:"
	    "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	    "\\x02\\x00\\x3e\\x00:"
	    "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
	    "\\xfe\\xff\\xff\\xff:/run/rosetta/rosetta:CFP";
	struct binfmt_entry e, want;

	(void)state;
	assert_int_equal(parse(line, &e), 0);
	assert_int_equal(binfmt_entry_rosetta(&want, "rosetta", "/run/rosetta/rosetta", "CFP"), 0);
	assert_entries_equal(&e, &want);
	assert_string_equal(e.flags, "POCF"); /* normalized */
}

static void hex_escapes_follow_the_kernel(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M::\\x7f\\xAB\\x0a::/i:", &e), 0);
	assert_int_equal(e.magic_len, 3);
	assert_memory_equal(e.magic, "\x7f\xab\x0a", 3);
	/* Raw bytes and escapes mix. */
	assert_int_equal(parse(":n:M::\\x7fELF::/i:", &e), 0);
	assert_int_equal(e.magic_len, 4);
	assert_memory_equal(e.magic,
			    "\x7f"
			    "ELF",
			    4);
	/* The kernel's scanarg() wants two hex digits after every \x, so a
	 * one-digit escape is refused although string_unescape() could read it. */
	assert_int_equal(parse(":n:M::\\x7::/i:", &e), BINFMT_E_ESCAPE);
	assert_int_equal(parse(":n:M::\\x7g::/i:", &e), BINFMT_E_ESCAPE);
	assert_int_equal(parse(":n:M::\\xZZ::/i:", &e), BINFMT_E_ESCAPE);
	assert_int_equal(parse(":n:M::ab:\\xZZ\\xff:/i:", &e), BINFMT_E_ESCAPE);
	assert_int_equal(parse(":n:M::ab\\x:/i:", &e), BINFMT_E_ESCAPE);
}

static void other_backslashes_are_literal(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M::a\\b::/i:", &e), 0);
	assert_int_equal(e.magic_len, 3);
	assert_memory_equal(e.magic, "a\\b", 3);
	/* A backslash takes the next byte with it: "\\\\x41" is two
	 * backslashes and "x41", but the kernel still checks that \x41. */
	assert_int_equal(parse(":n:M::\\\\x41::/i:", &e), 0);
	assert_int_equal(e.magic_len, 5);
	assert_memory_equal(e.magic, "\\\\x41", 5);
	assert_int_equal(parse(":n:M::\\\\xZZ::/i:", &e), BINFMT_E_ESCAPE);
	/* A backslash that ends the field stays. */
	assert_int_equal(parse(":n:M::ab\\::/i:", &e), 0);
	assert_int_equal(e.magic_len, 3);
}

static void any_first_character_is_the_delimiter(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(",comma,M,,\\x7f:x,,/usr/bin/a:b,F", &e), 0);
	assert_string_equal(e.name, "comma");
	assert_int_equal(e.magic_len, 3);
	assert_memory_equal(e.magic, "\x7f:x", 3);
	assert_string_equal(e.interpreter, "/usr/bin/a:b");
	assert_int_equal(parse("|pipe|M|2|ab|\\xff\\x0f|/bin/x|P", &e), 0);
	assert_int_equal(e.offset, 2);
	assert_int_equal(e.mask_len, 2);
	assert_memory_equal(e.mask, "\xff\x0f", 2);
	assert_int_equal(parse("#hash#E##exe##/bin/wine#", &e), 0);
	assert_int_equal(e.type, 'E');
	assert_memory_equal(e.magic, "exe", 3);
	/* ':' is then an ordinary byte; a missing delimiter is a syntax error. */
	assert_int_equal(parse("#hash:E:x:y::/i:", &e), BINFMT_E_SYNTAX);
}

static void empty_fields(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M::ab::/i:", &e), 0);
	assert_int_equal(e.offset, 0);	  /* empty offset */
	assert_int_equal(e.mask_len, 0);  /* no mask */
	assert_string_equal(e.flags, ""); /* no flags */
	assert_int_equal(parse("::M::ab::/i:", &e), BINFMT_E_NAME);
	assert_int_equal(parse(":n:::ab::/i:", &e), BINFMT_E_TYPE);
	assert_int_equal(parse(":n:M::::/i:", &e), BINFMT_E_MAGIC_EMPTY);
	assert_int_equal(parse(":n:M::ab:::F", &e), BINFMT_E_INTERPRETER);
	assert_int_equal(parse(":n:E::::/i:", &e), BINFMT_E_MAGIC_EMPTY);
}

static void missing_and_extra_fields(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M::ab::/interp", &e), BINFMT_E_SYNTAX); /* no flags field */
	assert_int_equal(parse(":name-only-here", &e), BINFMT_E_SYNTAX);
	assert_int_equal(parse(":n:M::ab::/i:F:", &e), BINFMT_E_FLAGS);
	assert_int_equal(parse(":n:M::ab::/i:F\n", &e), 0); /* one trailing newline */
	assert_int_equal(parse(":n:M::ab::/i:F\n\n", &e), BINFMT_E_FLAGS);
	assert_int_equal(parse(":n:M::ab::/i\n", &e), BINFMT_E_SYNTAX);
	assert_int_equal(parse_len(":n:M::a\0b::/i:", 15, &e), BINFMT_E_SYNTAX);
}

static void type_must_be_m_or_e(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:m::ab::/i:", &e), BINFMT_E_TYPE);
	assert_int_equal(parse(":n:X::ab::/i:", &e), BINFMT_E_TYPE);
	assert_int_equal(parse(":n:MM::ab::/i:", &e), BINFMT_E_TYPE);
}

static void offsets_as_kstrtoint_reads_them(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M:+5:ab::/i:", &e), 0);
	assert_int_equal(e.offset, 5);
	assert_int_equal(parse(":n:M:007:ab::/i:", &e), 0);
	assert_int_equal(e.offset, 7);
	assert_int_equal(parse(":n:M:-0:ab::/i:", &e), 0);
	assert_int_equal(e.offset, 0);
	assert_int_equal(parse(":n:M:5\n:ab::/i:", &e), 0);
	assert_int_equal(e.offset, 5);
	assert_int_equal(parse(":n:M:-1:ab::/i:", &e), BINFMT_E_OFFSET);
	assert_int_equal(parse(":n:M: 5:ab::/i:", &e), BINFMT_E_OFFSET);
	assert_int_equal(parse(":n:M:0x10:ab::/i:", &e), BINFMT_E_OFFSET);
	assert_int_equal(parse(":n:M:+:ab::/i:", &e), BINFMT_E_OFFSET);
	assert_int_equal(parse(":n:M:2147483648:ab::/i:", &e), BINFMT_E_OFFSET);
	assert_int_equal(parse(":n:M:2147483647:ab::/i:", &e), BINFMT_E_RANGE);
}

static void extension_entries(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":DOSWin:E::exe::/usr/bin/wine:", &e), 0);
	assert_int_equal(e.type, 'E');
	assert_int_equal(e.magic_len, 3);
	assert_memory_equal(e.magic, "exe", 3);
	assert_int_equal(e.mask_len, 0);
	/* No unescaping in an extension. */
	assert_int_equal(parse(":n:E::\\x41::/i:", &e), 0);
	assert_int_equal(e.magic_len, 4);
	/* The kernel skips offset and mask of E entries; we refuse content there. */
	assert_int_equal(parse(":n:E:0:exe::/i:", &e), BINFMT_E_EXTENSION);
	assert_int_equal(parse(":n:E::exe:ff:/i:", &e), BINFMT_E_EXTENSION);
	assert_int_equal(parse(":n:E::a/b::/i:", &e), BINFMT_E_EXTENSION);
}

/* The kernel's limits (Linux 6.1): a name up to NAME_MAX (255) bytes; the
 * interpreter has none of its own, only the register string's 1920 bytes,
 * here as binfmt_entry_format() writes it (the magic "ab" as \x61\x62). */
static void field_overflow_is_the_fields_error(void **state)
{
	char line[2 * BINFMT_REGISTER_MAX], name[BINFMT_NAME_MAX + 2], path[BINFMT_REGISTER_MAX];
	/* ":n:M:0:\x61\x62::" + path + ":" */
	const size_t longest = BINFMT_REGISTER_MAX - 18;
	struct binfmt_entry e;

	(void)state;
	memset(name, 'n', sizeof(name));
	name[BINFMT_NAME_MAX + 1] = '\0'; /* 256 bytes: one too many */
	snprintf(line, sizeof(line), ":%s:M::ab::/i:", name);
	assert_int_equal(parse(line, &e), BINFMT_E_NAME);
	name[BINFMT_NAME_MAX] = '\0';
	snprintf(line, sizeof(line), ":%s:M::ab::/i:", name);
	assert_int_equal(parse(line, &e), 0);
	assert_string_equal(e.name, name);
	memset(path, 'p', sizeof(path));
	path[0] = '/';
	path[longest] = '\0';
	snprintf(line, sizeof(line), ":n:M::ab::%s:", path);
	assert_int_equal(parse(line, &e), 0);
	assert_int_equal(strlen(e.interpreter), longest);
	path[longest] = 'p';
	path[longest + 1] = '\0';
	snprintf(line, sizeof(line), ":n:M::ab::%s:", path);
	assert_int_equal(parse(line, &e), BINFMT_E_TOO_LONG);
}

/* The errno beside the rule: -E2BIG for too long, -EINVAL for the rest;
 * the record is cleared on success and may be left out. */
static void rules_come_with_an_errno(void **state)
{
	char line[BINFMT_REGISTER_MAX + 2];
	struct binfmt_rule rule = { BINFMT_E_NAME };
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(binfmt_entry_parse(":n:M::ab::/i:", 13, &e, &rule), 0);
	assert_int_equal(rule.broken, BINFMT_OK);
	assert_int_equal(binfmt_entry_parse(":n:X::ab::/i:", 13, &e, &rule), -EINVAL);
	assert_int_equal(rule.broken, BINFMT_E_TYPE);
	assert_string_equal(binfmt_error_text(-EINVAL, &rule),
			    "type must be M (magic) or E (extension)");
	assert_int_equal(binfmt_entry_parse(":n:X::ab::/i:", 13, &e, NULL), -EINVAL);
	memset(line, ':', sizeof(line));
	assert_int_equal(binfmt_entry_parse(line, sizeof(line), &e, &rule), -E2BIG);
	assert_int_equal(rule.broken, BINFMT_E_TOO_LONG);
}

/* n escaped bytes \xab into buf. */
static char *escaped(char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		memcpy(buf + 4 * i, "\\xab", 4);
	buf[4 * n] = '\0';
	return buf;
}

/* BINPRM_BUF_SIZE, 256 since Linux 5.1, bounds magic and offset + magic. */
static void magic_length_and_range(void **state)
{
	char line[BINFMT_REGISTER_MAX + 1], m[4 * 258 + 1], k[4 * 258 + 1];
	struct binfmt_entry e;

	(void)state;
	snprintf(line, sizeof(line), ":n:M::%s::/i:", escaped(m, 256));
	assert_int_equal(parse(line, &e), 0);
	assert_int_equal(e.magic_len, 256);
	snprintf(line, sizeof(line), ":n:M::%s::/i:", escaped(m, 257));
	assert_int_equal(parse(line, &e), BINFMT_E_MAGIC_LONG);
	snprintf(line, sizeof(line), ":n:M::%s:%s:/i:", escaped(m, 20), escaped(k, 19));
	assert_int_equal(parse(line, &e), BINFMT_E_MASK_LENGTH);
	snprintf(line, sizeof(line), ":n:M::%s:%s:/i:", escaped(m, 20), escaped(k, 257));
	assert_int_equal(parse(line, &e), BINFMT_E_MASK_LENGTH);
	snprintf(line, sizeof(line), ":n:M:236:%s::/i:", escaped(m, 20));
	assert_int_equal(parse(line, &e), 0);
	snprintf(line, sizeof(line), ":n:M:237:%s::/i:", escaped(m, 20));
	assert_int_equal(parse(line, &e), BINFMT_E_RANGE);
}

static void flags_are_normalized(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M::ab::/i:C", &e), 0);
	assert_string_equal(e.flags, "OC");
	assert_int_equal(parse(":n:M::ab::/i:FCPFF", &e), 0);
	assert_string_equal(e.flags, "POCF");
	assert_int_equal(parse(":n:M::ab::/i:X", &e), BINFMT_E_FLAGS);
	assert_int_equal(parse(":n:M::ab::/i:p", &e), BINFMT_E_FLAGS);
	assert_int_equal(parse(":n:M::ab::/i:P F", &e), BINFMT_E_FLAGS);
}

static void relative_interpreter_is_refused(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":n:M::ab::bin/sh:", &e), BINFMT_E_INTERPRETER);
	assert_int_equal(parse(":n:M::ab::./sh:", &e), BINFMT_E_INTERPRETER);
}

static void reserved_names_are_refused(void **state)
{
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(parse(":.:M::ab::/i:", &e), BINFMT_E_NAME);
	assert_int_equal(parse(":..:M::ab::/i:", &e), BINFMT_E_NAME);
	assert_int_equal(parse(":register:M::ab::/i:", &e), BINFMT_E_NAME);
	assert_int_equal(parse(":status:M::ab::/i:", &e), BINFMT_E_NAME);
	assert_int_equal(parse(":a/b:M::ab::/i:", &e), BINFMT_E_NAME);
	assert_int_equal(parse(":...:M::ab::/i:", &e), 0);
}

/* The kernel takes 11 to 1920 bytes. */
static void length_limits(void **state)
{
	char line[BINFMT_REGISTER_MAX + 2], m[4 * 128 + 1];
	struct binfmt_entry e;
	size_t base;

	(void)state;
	assert_int_equal(parse(":a:E::b::/:", &e), 0); /* 11 bytes */
	assert_int_equal(parse(":a:E::b::/", &e), BINFMT_E_SYNTAX);
	assert_int_equal(parse("", &e), BINFMT_E_SYNTAX);
	/* 1920 bytes, written as the serializer writes it (offset 0, lowercase
	 * escapes, no flags), so it also passes the serializability rule. */
	escaped(m, 128);
	base = (size_t)snprintf(line, sizeof(line), ":n:M:0:%s:%s:/", m, m);
	memset(line + base, 'i', BINFMT_REGISTER_MAX - base - 1);
	line[BINFMT_REGISTER_MAX - 1] = ':';
	line[BINFMT_REGISTER_MAX] = '\0';
	assert_int_equal(strlen(line), BINFMT_REGISTER_MAX);
	assert_int_equal(parse(line, &e), 0);
	assert_round_trip(line);
	line[BINFMT_REGISTER_MAX] = 'F'; /* 1921 bytes */
	line[BINFMT_REGISTER_MAX + 1] = '\0';
	assert_int_equal(parse(line, &e), BINFMT_E_TOO_LONG);
}

static void formats_extension_entries(void **state)
{
	struct binfmt_entry e;
	char out[256];

	(void)state;
	assert_int_equal(parse(":DOSWin:E::exe::/usr/bin/wine:CF", &e), 0);
	assert_int_equal(binfmt_entry_format(&e, out, sizeof(out)), 33);
	assert_string_equal(out, ":DOSWin:E::exe::/usr/bin/wine:OCF");
	assert_round_trip(":DOSWin:E::exe::/usr/bin/wine:CF");
}

static void format_writes_lowercase_escapes(void **state)
{
	struct binfmt_entry e;
	char out[256];
	static const char want[] = ":n:M:3:\\x41\\x42\\xff:\\xf0\\x0f\\xff:/i:P";
	int len = (int)strlen(want);

	(void)state;
	assert_int_equal(parse(":n:M:3:AB\\xFF:\\xF0\\x0f\\xff:/i:P", &e), 0);
	assert_int_equal(binfmt_entry_format(&e, out, sizeof(out)), len);
	assert_string_equal(out, want);
	/* It needs room for the NUL too. */
	assert_int_equal(binfmt_entry_format(&e, out, (size_t)len), -ENAMETOOLONG);
	assert_int_equal(binfmt_entry_format(&e, out, (size_t)len + 1), len);
}

static void format_picks_a_free_delimiter(void **state)
{
	struct binfmt_entry e;
	char out[256];

	(void)state;
	assert_int_equal(parse(",n,M,,ab,,/a:b,", &e), 0);
	assert_true(binfmt_entry_format(&e, out, sizeof(out)) > 0);
	assert_string_equal(out, ",n,M,0,\\x61\\x62,,/a:b,");
	assert_int_equal(parse("|n|M||ab||/a:b,c|", &e), 0);
	assert_true(binfmt_entry_format(&e, out, sizeof(out)) > 0);
	assert_string_equal(out, "|n|M|0|\\x61\\x62||/a:b,c|");
	assert_int_equal(parse("!x|y!E!!z#!!/a:b,c!", &e), 0);
	assert_true(binfmt_entry_format(&e, out, sizeof(out)) > 0);
	assert_string_equal(out, "!x|y!E!!z#!!/a:b,c!");
	/* Every candidate taken: format and validate refuse it. */
	assert_int_equal(parse("%x|y%E%%z#!%%/a:b,c%", &e), BINFMT_E_DELIMITER);
	assert_int_equal(binfmt_entry_format(&e, out, sizeof(out)), -EINVAL);
	assert_round_trip(",n,M,,ab,,/a:b,");
	assert_round_trip("!x|y!E!!z#!!/a:b,c!");
}

static void round_trips(void **state)
{
	(void)state;
	assert_round_trip(":n:M::\\x7fELF::/i:");
	assert_round_trip(":n:M:+12:a\\b:\\xff\\x00\\xff:/i:C");
	assert_round_trip(":name with spaces:M::\\\\x41::/i i\n:F");
	assert_round_trip(":n\n:E::.a\\b::/i:P\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_the_rosetta_line),
		cmocka_unit_test(hex_escapes_follow_the_kernel),
		cmocka_unit_test(other_backslashes_are_literal),
		cmocka_unit_test(any_first_character_is_the_delimiter),
		cmocka_unit_test(empty_fields),
		cmocka_unit_test(missing_and_extra_fields),
		cmocka_unit_test(type_must_be_m_or_e),
		cmocka_unit_test(offsets_as_kstrtoint_reads_them),
		cmocka_unit_test(extension_entries),
		cmocka_unit_test(field_overflow_is_the_fields_error),
		cmocka_unit_test(magic_length_and_range),
		cmocka_unit_test(flags_are_normalized),
		cmocka_unit_test(relative_interpreter_is_refused),
		cmocka_unit_test(reserved_names_are_refused),
		cmocka_unit_test(length_limits),
		cmocka_unit_test(formats_extension_entries),
		cmocka_unit_test(format_writes_lowercase_escapes),
		cmocka_unit_test(format_picks_a_free_delimiter),
		cmocka_unit_test(round_trips),
		cmocka_unit_test(rules_come_with_an_errno),
	};

	return cmocka_run_group_tests_name("binfmt_parse", tests, NULL, NULL);
}
