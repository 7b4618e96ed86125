/* binfmtctl's rows of entries, against a scratch directory laid out as the
 * kernel lays out binfmt_misc: an entry whose status is not understood
 * whole is still a row, with its name, state, interpreter and flags, shown
 * as far as it could be read; none is left out. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "binfmt/ctl/command.h"
#include "tests/unit/scratch.h"

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
	put(s, "good", "enabled\ninterpreter /usr/bin/good\nflags: F\noffset 0\nmagic 4142\n");
	/* A line a future kernel might add. */
	put(s, "odd",
	    "disabled\ninterpreter /usr/bin/odd\nflags: OC\nsomething new\noffset 0\n"
	    "magic 4142\n");
	return 0;
}

/* What show prints for row, with the options of a. */
static char *capture(const struct ctl_args *a, const struct ctl_row *row)
{
	struct report rep;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct ctl_ctx ctx = { .args = a, .out = f, .rep = &rep };

	assert_non_null(f);
	report_init(&rep);
	assert_int_equal(ctl_print_rows(&ctx, &ctl_show_columns, row, 1, sizeof(*row)),
			 CLI_EXIT_OK);
	assert_int_equal(fclose(f), 0);
	report_free(&rep);
	return text;
}

static void unreadable_entry_is_a_row(void **state)
{
	const struct scratch *s = *state;
	struct ctl_args a = { .procdir = s->dir }, json = { .format.json = true };
	struct report rep;
	struct ctl_ctx ctx = { .args = &a, .out = stdout, .rep = &rep };
	struct ctl_rows rows = { 0 };
	const struct ctl_row *odd;
	char *text;

	report_init(&rep);
	assert_int_equal(ctl_read_rows(&ctx, &rows), CLI_EXIT_OK);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.v[0].e.name, "good");
	assert_int_equal(rows.v[0].unreadable, 0);
	assert_int_equal(rows.v[0].e.type, 'M');
	odd = &rows.v[1];
	assert_string_equal(odd->e.name, "odd");
	assert_int_equal(odd->unreadable, -EINVAL);
	assert_false(odd->enabled);
	assert_string_equal(odd->e.interpreter, "/usr/bin/odd");
	assert_string_equal(odd->e.flags, "OC");
	assert_int_equal(odd->e.type, 0);
	assert_int_equal(rep.count, 0); /* the command names it, as it shows it */

	text = capture(&a, odd);
	assert_non_null(strstr(text, "matches:     unknown\n"));
	assert_non_null(strstr(text, "interpreter: /usr/bin/odd\n"));
	assert_null(strstr(text, "register:"));
	free(text);
	text = capture(&json, odd);
	assert_non_null(strstr(text, "\"type\": null,\n         \"offset\": 0,\n"
				     "         \"magic\": null"));
	assert_non_null(strstr(text, "\"register\": null"));
	free(text);
	assert_string_equal(ctl_unreadable_str(odd->unreadable),
			    "its status file is not fully understood");
	free(rows.v);
	report_free(&rep);
}

/* The rule ctl_read_row() names when it refuses name, else its return. */
static int read_row(const struct scratch *s, const char *name, struct ctl_row *row)
{
	struct binfmt_rule rule;
	int r = ctl_read_row(s->dir, name, row, &rule);

	return rule.broken != BINFMT_OK ? (int)rule.broken : r;
}

static void read_row_of_one(void **state)
{
	const struct scratch *s = *state;
	struct ctl_row row;

	assert_int_equal(read_row(s, "odd", &row), 0);
	assert_int_equal(row.unreadable, -EINVAL);
	assert_int_equal(read_row(s, "good", &row), 0);
	assert_int_equal(row.unreadable, 0);
	assert_string_equal(row.e.interpreter, "/usr/bin/good");
	assert_int_equal(read_row(s, "missing", &row), -ENOENT);
	assert_int_equal(read_row(s, "status", &row), BINFMT_E_NAME);
	assert_int_equal(ctl_read_row(s->dir, "status", &row, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unreadable_entry_is_a_row),
		cmocka_unit_test(read_row_of_one),
	};

	return cmocka_run_group_tests_name("binfmtctl_rows", tests, setup, scratch_teardown);
}
