/* binfmtctl's output through libsmartcols, from a scratch directory laid
 * out as the kernel lays out binfmt_misc: control bytes in an entry's name
 * and interpreter come out escaped in every format; -o is checked against
 * each command's columns. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/ctl/command.h"
#include "lib/utf8.h"
#include "tests/unit/scratch.h"

#include <cmocka.h>

static void put(struct scratch *s, const char *name, const char *text)
{
	assert_int_equal(scratch_put(s, name, text, 0644), 0);
}

static int setup(void **state)
{
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	put(s, "register", "");
	put(s, "status", "enabled\n");
	/* ESC in the name, TAB and ESC in the interpreter's path. */
	put(s, "esc\x1b[31mred",
	    "enabled\ninterpreter /usr/bin/a\tb\x1b\nflags: F\noffset 0\n"
	    "magic 4142\n");
	return 0;
}

/* What ctl_print_rows writes for n rows of size bytes under a's options. */
static char *render(const struct table_column_set *set, const struct ctl_args *a, const void *rows,
		    size_t n, size_t size)
{
	struct report rep;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct ctl_ctx ctx = { .args = a, .out = f, .rep = &rep };

	assert_non_null(f);
	report_init(&rep);
	assert_int_equal(ctl_print_rows(&ctx, set, rows, n, size), CLI_EXIT_OK);
	assert_int_equal(fclose(f), 0);
	report_free(&rep);
	return text;
}

static void assert_contains(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("'%s' lacks '%s'", text, needle);
}

/* No byte below 0x20 but the newlines (and JSON's indentation) gets out. */
static void assert_no_control(const char *text)
{
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			fail_msg("control byte 0x%02x in '%s'", (unsigned char)*p, text);
}

/* The scratch directory's one entry, as list reads it. */
static void read_scratch_rows(const struct scratch *s, struct ctl_rows *rows)
{
	struct ctl_args a = { .procdir = s->dir };
	struct report rep;
	struct ctl_ctx ctx = { .args = &a, .out = stdout, .rep = &rep };

	report_init(&rep);
	*rows = (struct ctl_rows){ 0 };
	assert_int_equal(ctl_read_rows(&ctx, rows), CLI_EXIT_OK);
	assert_int_equal(rows->n, 1);
	report_free(&rep);
}

static void control_bytes_escaped(void **state)
{
	struct ctl_args a = { 0 };
	struct ctl_rows rows;
	char *text;

	read_scratch_rows(*state, &rows);
	assert_string_equal(rows.v[0].e.name, "esc\x1b[31mred");

	text = render(&ctl_entry_columns, &a, rows.v, rows.n, sizeof(rows.v[0]));
	assert_no_control(text);
	assert_contains(text, "esc\\x1b[31mred ");
	assert_contains(text, "/usr/bin/a\\x09b\\x1b");
	free(text);

	a = (struct ctl_args){
		.format = { .columns = "NAME,INTERPRETER", .raw = true, .noheadings = true }
	};
	text = render(&ctl_entry_columns, &a, rows.v, rows.n, sizeof(rows.v[0]));
	assert_string_equal(text, "esc\\x1b[31mred /usr/bin/a\\x09b\\x1b\n");
	free(text);

	a = (struct ctl_args){ .format.json = true };
	text = render(&ctl_entry_columns, &a, rows.v, rows.n, sizeof(rows.v[0]));
	assert_contains(text, "\"name\": \"esc\\u001b[31mred\"");
	assert_contains(text, "\"interpreter\": \"/usr/bin/a\\tb\\u001b\"");
	free(text);

	a = (struct ctl_args){ 0 };
	text = render(&ctl_show_columns, &a, rows.v, 1, sizeof(rows.v[0]));
	assert_no_control(text);
	assert_contains(text, "name:        esc\\x1b[31mred\n");
	free(text);
	free(rows.v);
}

/* A byte that starts no UTF-8 sequence keeps its value as a code point in
 * JSON, which stays valid UTF-8, and is escaped in a table. */
static void json_is_valid_utf8(void **state)
{
	struct ctl_args a;
	struct ctl_rows rows;
	char *text;

	read_scratch_rows(*state, &rows);
	snprintf(rows.v[0].e.interpreter, sizeof(rows.v[0].e.interpreter),
		 "/opt/\xff\xc3x-\xc3\xa9");

	a = (struct ctl_args){ .format.json = true };
	text = render(&ctl_entry_columns, &a, rows.v, rows.n, sizeof(rows.v[0]));
	assert_true(utf8_valid(text));
	assert_contains(text, "\"interpreter\": \"/opt/\xc3\xbf\xc3\x83x-\xc3\xa9\"");
	free(text);

	a = (struct ctl_args){ .format = {
				   .columns = "INTERPRETER", .raw = true, .noheadings = true } };
	text = render(&ctl_entry_columns, &a, rows.v, rows.n, sizeof(rows.v[0]));
	assert_contains(text, "/opt/\\xff\\xc3x-"); /* é too, outside a UTF-8 locale */
	free(text);
	free(rows.v);
}

/* -o is checked against the command's own columns. */
static void columns_of_each_command(void **state)
{
	static struct error_record err;

	(void)state;
	error_init(&err);
	assert_int_equal(table_columns_check(&ctl_status_columns, "DIRECTORY,ENTRIES", &err), 0);
	assert_int_equal(table_columns_check(&ctl_status_columns, "+enabled", &err), 0);
	assert_int_equal(table_columns_check(&ctl_status_columns, "NAME", &err), -EINVAL);
	assert_string_equal(err.msg[0].text, "unknown column 'NAME' (see --help)");
	assert_int_equal(table_columns_check(&ctl_conflict_columns, "NAME,DISABLED_NOW", &err), 0);
	error_init(&err);
	assert_int_equal(table_columns_check(&ctl_conflict_columns, "NAME,,STATE", &err), -EINVAL);
	assert_string_equal(err.msg[0].text, "unknown column '' (see --help)");
	assert_int_equal(table_columns_check(&ctl_entry_columns, "register,Magic", &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(control_bytes_escaped),
		cmocka_unit_test(json_is_valid_utf8),
		cmocka_unit_test(columns_of_each_command),
	};

	return cmocka_run_group_tests_name("binfmtctl_output", tests, setup, scratch_teardown);
}
