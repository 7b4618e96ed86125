/* lib/table: several tables as one document. In JSON it is one object
 * whose members are the tables, each named by its set (what a JSON reader
 * needs: one document, not one per table); otherwise the tables follow
 * each other with a blank line between. The columns of each table are what
 * its format asks for; an object's fields are labelled by their names. */
#include <errno.h>
#include <libsmartcols.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/table.h"

#include <cmocka.h>

struct pair {
	const char *name;
	const char *count;
};

enum { COL_NAME, COL_COUNT, NCOLS };

static const struct table_column columns[NCOLS] = {
	[COL_NAME] = { "NAME", SCOLS_JSON_STRING, "a name" },
	[COL_COUNT] = { "COUNT", SCOLS_JSON_NUMBER, "a number" },
};

static const char *cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct pair *p = row;

	(void)human;
	(void)buf;
	(void)size;
	return col == COL_NAME ? p->name : p->count;
}

static const struct table_column_set first = {
	.v = columns,
	.n = NCOLS,
	.cell = cell,
	.defaults = "NAME,COUNT",
	.json_defaults = "NAME,COUNT",
	.json_name = "first",
};

static const struct table_column_set second = {
	.v = columns,
	.n = NCOLS,
	.cell = cell,
	.defaults = "NAME",
	.json_defaults = "COUNT",
	.json_name = "second",
};

static const struct table_column labelled[NCOLS] = {
	[COL_NAME] = { "NAME", SCOLS_JSON_STRING, "a name" },
	[COL_COUNT] = { "PAGE_SIZE", SCOLS_JSON_NUMBER, "a number" },
};

static const struct table_column_set fields = {
	.v = labelled,
	.n = NCOLS,
	.cell = cell,
	.defaults = "NAME,PAGE_SIZE",
	.json_defaults = "NAME,PAGE_SIZE",
	.json_name = "fields",
	.fields = true,
};

static const struct pair rows[] = { { "a", "1" }, { "b", "2" } };

static void add(struct table_document *d, const struct table_column_set *set,
		const struct table_format *f, size_t n)
{
	assert_int_equal(table_document_add_rows(d, set, f, rows, n, sizeof(rows[0])), 0);
}

struct member {
	const struct table_column_set *set;
	size_t rows;
};

/* The document of n members, each with its first rows. */
static char *render(const struct table_format *f, const struct member *m, size_t n)
{
	struct table_document d;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	table_document_begin(&d, f, out);
	for (size_t i = 0; i < n; i++)
		add(&d, m[i].set, f, m[i].rows);
	assert_int_equal(table_document_end(&d), 0);
	assert_int_equal(fclose(out), 0);
	return text;
}

/* The two tables, the second with n2 rows. */
static char *render_two(const struct table_format *f, size_t n2)
{
	const struct member m[] = { { &first, 2 }, { &second, n2 } };

	return render(f, m, 2);
}

static void json_is_one_object(void **state)
{
	struct table_format f = { .json = true };
	char *text = render_two(&f, 1);

	(void)state;
	assert_string_equal(text, "{\n"
				  "   \"first\": [\n"
				  "      {\n"
				  "         \"name\": \"a\",\n"
				  "         \"count\": 1\n"
				  "      },{\n"
				  "         \"name\": \"b\",\n"
				  "         \"count\": 2\n"
				  "      }\n"
				  "   ],\n"
				  "   \"second\": [\n"
				  "      {\n"
				  "         \"count\": 1\n"
				  "      }\n"
				  "   ]\n"
				  "}\n");
	free(text);
}

/* An empty table is an empty array, still a member. */
static void json_keeps_empty_tables(void **state)
{
	struct table_format f = { .json = true };
	char *text = render_two(&f, 0);

	(void)state;
	assert_non_null(strstr(text, "   ],\n   \"second\": [\n"));
	assert_string_equal(strstr(text, "\"second\""), "\"second\": [\n\n   ]\n}\n");
	free(text);
}

static void tables_follow_each_other(void **state)
{
	struct table_format f = { .raw = true, .noheadings = true };
	char *text = render_two(&f, 2);

	(void)state;
	assert_string_equal(text, "a 1\nb 2\n\na\nb\n");
	free(text);
}

/* One object, a line per field: its name in lower case, '_' a space. */
static void fields_are_labelled(void **state)
{
	const struct member m[] = { { &fields, 1 } };
	struct table_format f = { 0 };
	char *text = render(&f, m, 1);

	(void)state;
	assert_string_equal(text, "name:        a\npage size:   1\n");
	free(text);
}

static void empty_document(void **state)
{
	struct table_format f = { .json = true };
	char *text = render(&f, NULL, 0);

	(void)state;
	assert_string_equal(text, "{\n}\n");
	free(text);
}

static void columns_checked(void **state)
{
	static struct error_record e;

	(void)state;
	error_init(&e);
	assert_int_equal(table_columns_check(&first, "count,+NAME", &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "unknown column '+NAME' (see --help)");
	assert_int_equal(table_columns_check(&first, "+count", NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_is_one_object),
		cmocka_unit_test(json_keeps_empty_tables),
		cmocka_unit_test(tables_follow_each_other),
		cmocka_unit_test(fields_are_labelled),
		cmocka_unit_test(empty_document),
		cmocka_unit_test(columns_checked),
	};

	return cmocka_run_group_tests_name("lib_table", tests, NULL, NULL);
}
