/* libbinfmt update-binfmts(8) format files (/usr/share/binfmts/NAME), as
 * Debian's binfmt-support imports them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/entry.h"
#include "binfmt/update_binfmts.h"
#include "tests/unit/scratch.h"

#define MAX_SEEN 8

struct record {
	int entries, errors;
	struct binfmt_entry entry;
	char line[BINFMT_REGISTER_MAX + 1];
	unsigned int entry_at;
	int err[MAX_SEEN];
	unsigned int err_at[MAX_SEEN];
};

static int on_entry(void *arg, const struct binfmt_entry *e, const char *line,
		    const struct binfmt_origin *at)
{
	struct record *r = arg;

	r->entries++;
	r->entry = *e;
	snprintf(r->line, sizeof(r->line), "%s", line);
	r->entry_at = at->line;
	return 0;
}

/* err[] holds the rule a line breaks, or the -errno of a file that cannot
 * be read; either way the parser's err is a negative errno. */
static void on_error(void *arg, int err, const struct binfmt_rule *rule,
		     const struct binfmt_origin *at)
{
	struct record *r = arg;

	assert_true(r->errors < MAX_SEEN);
	assert_true(err < 0);
	r->err[r->errors] = rule->broken != BINFMT_OK ? (int)rule->broken : err;
	r->err_at[r->errors] = at->line;
	r->errors++;
}

static int parse(const char *name, const char *text, struct record *r)
{
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error, .arg = r };

	memset(r, 0, sizeof(*r));
	return update_binfmts_parse_text(text, strlen(text), name, "fmt", &sink);
}

/* Debian's qemu-user-static ships this as /usr/share/binfmts/qemu-x86_64. */
static const char qemu_x86_64[] =
    "package qemu-user-static\n"
    "interpreter /usr/libexec/qemu-binfmt/x86_64-binfmt-P\n"
    "magic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
    "\\x02\\x00\\x3e\\x00\n"
    "offset 0\n"
    "mask \\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
    "\\xfe\\xff\\xff\\xff\n"
    "credentials no\n"
    "fix_binary yes\n"
    "preserve yes\n";

static void reads_a_good_file(void **state)
{
	static const char want[] =
	    ":qemu-x86_64:M:0:"
	    "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	    "\\x02\\x00\\x3e\\x00:"
	    "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
	    "\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/x86_64-binfmt-P:PF";
	struct record r;
	struct binfmt_entry again;

	(void)state;
	assert_int_equal(parse("qemu-x86_64", qemu_x86_64, &r), 0);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.entries, 1);
	assert_int_equal(r.entry_at, 0);
	assert_string_equal(r.entry.name, "qemu-x86_64");
	assert_int_equal(r.entry.type, 'M');
	assert_int_equal(r.entry.magic_len, 20);
	assert_int_equal(r.entry.mask_len, 20);
	assert_int_equal(r.entry.mask[7], 0xfc);
	assert_string_equal(r.entry.flags, "PF");
	assert_string_equal(r.line, want);
	assert_int_equal(binfmt_entry_parse(r.line, strlen(r.line), &again, NULL), 0);
}

static void flags_from_yes_values(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(parse("x", "package p\ninterpreter /i\nmagic AB\ncredentials yes\n", &r),
			 0);
	assert_string_equal(r.entry.flags, "OC"); /* C implies O */
	assert_int_equal(parse("x", "package p\ninterpreter /i\nmagic AB\n", &r), 0);
	assert_string_equal(r.entry.flags, "");
	assert_int_equal(r.entry.mask_len, 0);
	assert_int_equal(r.entry.offset, 0);
}

static void extension_files(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(
	    parse("wine", "package wine\ninterpreter /usr/bin/wine\nextension exe\n", &r), 0);
	assert_int_equal(r.entry.type, 'E');
	assert_string_equal(r.line, ":wine:E::exe::/usr/bin/wine:");
	/* binfmt-support: "can't use --offset/--mask with --extension". */
	assert_int_equal(parse("w", "package w\ninterpreter /i\nextension exe\nmask ff\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_EXTENSION);
	assert_int_equal(r.err_at[0], 4);
	assert_int_equal(parse("w", "package w\ninterpreter /i\nmagic M\nextension exe\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_BOTH);
	assert_int_equal(r.err_at[0], 4);
}

static void detector_is_refused(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(parse("jar",
			       "package jarwrapper\n"
			       "interpreter /usr/bin/jarwrapper\n"
			       "magic PK\\x03\\x04\n"
			       "detector /usr/lib/jarwrapper/jardetector\n",
			       &r),
			 1);
	assert_int_equal(r.entries, 0);
	assert_int_equal(r.err[0], BINFMT_E_DETECTOR);
	assert_int_equal(r.err_at[0], 4);
}

static void every_bad_line_is_reported(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(parse("x",
			       "package p\n"
			       "interpreter /i\n"
			       "colour blue\n"	  /* unknown key */
			       "magic\n"	  /* no value */
			       "magic \\xZZ\n"	  /* bad escape */
			       "preserve maybe\n" /* not yes/no */
			       "offset 0x10\n"	  /* not decimal */
			       "\n"		  /* blank: fine */
			       "MAGIC AB\n",	  /* keys ignore case */
			       &r),
			 5);
	assert_int_equal(r.entries, 0);
	assert_int_equal(r.errors, 5);
	assert_int_equal(r.err[0], BINFMT_E_KEY);
	assert_int_equal(r.err_at[0], 3);
	assert_int_equal(r.err[1], BINFMT_E_KEY);
	assert_int_equal(r.err_at[1], 4);
	assert_int_equal(r.err[2], BINFMT_E_ESCAPE);
	assert_int_equal(r.err_at[2], 5);
	assert_int_equal(r.err[3], BINFMT_E_VALUE);
	assert_int_equal(r.err_at[3], 6);
	assert_int_equal(r.err[4], BINFMT_E_VALUE);
	assert_int_equal(r.err_at[4], 7);
}

static void whole_file_problems(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(parse("x", "interpreter /i\nmagic AB\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_MISSING); /* no package */
	assert_int_equal(r.err_at[0], 0);
	assert_int_equal(parse("x", "package p\nmagic AB\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_MISSING);
	assert_int_equal(parse("x", "package p\ninterpreter /i\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_MISSING);
	assert_int_equal(parse("status", "package p\ninterpreter /i\nmagic AB\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_NAME);
	assert_int_equal(parse("x", "", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_MISSING);
}

static void entry_rules_point_at_their_line(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(parse("x", "package p\ninterpreter bin/i\nmagic AB\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_INTERPRETER);
	assert_int_equal(r.err_at[0], 2);
	assert_int_equal(parse("x", "package p\ninterpreter /i\nmagic AB\nmask \\xff\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_MASK_LENGTH);
	assert_int_equal(r.err_at[0], 4);
	assert_int_equal(parse("x", "package p\noffset 255\ninterpreter /i\nmagic AB\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_RANGE);
	assert_int_equal(r.err_at[0], 2);
}

static void values_as_binfmt_support_reads_them(void **state)
{
	struct record r;

	(void)state;
	/* Trailing blanks and CR go; the key ends at the first space, so a
	 * second space is part of the value. */
	assert_int_equal(parse("x", "package p \r\ninterpreter /a b\t\nmagic  AB\n", &r), 0);
	assert_string_equal(r.entry.interpreter, "/a b");
	assert_int_equal(r.entry.magic_len, 3);
	assert_memory_equal(r.entry.magic, " AB", 3);
	/* A tab does not separate a key. */
	assert_int_equal(parse("x", "package\tp\ninterpreter /i\nmagic AB\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_KEY);
	/* A key given twice keeps its last value; no trailing newline needed. */
	assert_int_equal(parse("x", "package p\ninterpreter /i\nmagic AB\nmagic CD", &r), 0);
	assert_memory_equal(r.entry.magic, "CD", 2);
	/* ':' in a magic is a byte like any other: it is written escaped. */
	assert_int_equal(parse("x", "package p\ninterpreter /i\nmagic a:b\n", &r), 0);
	assert_string_equal(r.line, ":x:M:0:\\x61\\x3a\\x62::/i:");
}

/* Whole lines whose first non-blank character is '#' are comments, as
 * update-binfmts takes them (Debian's sbcl ships a file with one); a '#'
 * inside a value is part of it. */
static void comment_lines_are_skipped(void **state)
{
	struct record r;

	(void)state;
	assert_int_equal(parse("sbcl",
			       "# Register SBCL's fasl files\n"
			       "package sbcl\n"
			       "   # an indented comment\n"
			       "\t#\n"
			       "interpreter /usr/lib/sbcl/sbcl-run\n"
			       "#magic ignored\n"
			       "magic # FASL\n",
			       &r),
			 0);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.entries, 1);
	assert_string_equal(r.entry.interpreter, "/usr/lib/sbcl/sbcl-run");
	assert_int_equal(r.entry.magic_len, 6);
	assert_memory_equal(r.entry.magic, "# FASL", 6);
	/* A key that merely starts with '#' after other text is still a bad key. */
	assert_int_equal(parse("x", "package p\ninterpreter /i\nmagic AB\nx #y\n", &r), 1);
	assert_int_equal(r.err[0], BINFMT_E_KEY);
	assert_int_equal(r.err_at[0], 4);
}

static void parse_file_names_the_entry_after_the_file(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, "qemu-x86_64");
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	struct record r = { 0 };

	sink.arg = &r;
	assert_int_equal(scratch_put(s, "qemu-x86_64", qemu_x86_64, 0644), 0);
	assert_int_equal(update_binfmts_parse_file(path, &sink), 0);
	assert_int_equal(r.entries, 1);
	assert_string_equal(r.entry.name, "qemu-x86_64");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(update_binfmts_parse_file(path, &sink), -ENOENT);
	assert_int_equal(r.err[0], -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_good_file),
		cmocka_unit_test(flags_from_yes_values),
		cmocka_unit_test(extension_files),
		cmocka_unit_test(detector_is_refused),
		cmocka_unit_test(every_bad_line_is_reported),
		cmocka_unit_test(whole_file_problems),
		cmocka_unit_test(entry_rules_point_at_their_line),
		cmocka_unit_test(values_as_binfmt_support_reads_them),
		cmocka_unit_test(comment_lines_are_skipped),
		cmocka_unit_test_setup_teardown(parse_file_names_the_entry_after_the_file,
						scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests_name("binfmt_update", tests, NULL, NULL);
}
