/* Tables and JSON through libsmartcols; see table.h. */
#include "table.h"

#include <errno.h>
#include <libsmartcols.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* "name:" padded to this, as `show` has always aligned its fields. */
#define FIELD_WIDTH 12

static int find_column(const struct table_column_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->n; i++)
		if (strlen(set->v[i].name) == len && !strncasecmp(set->v[i].name, name, len))
			return (int)i;
	return -1;
}

/* Append the columns of list to cols; a name not in set is -EINVAL with
 * e saying which (e may be NULL once the list is known good). */
static int add_columns(const struct table_column_set *set, const char *list, size_t *cols,
		       size_t *n, struct error_record *e)
{
	while (*list) {
		size_t len = strcspn(list, ",");
		int c = find_column(set, list, len);

		if (c < 0)
			return error_set(e, -EINVAL, "unknown column '%.*s' (see --help)", (int)len,
					 list);
		if (*n == TABLE_MAX_COLUMNS)
			return error_set(e, -EINVAL, "more than %d columns asked for",
					 TABLE_MAX_COLUMNS);
		cols[(*n)++] = (size_t)c;
		list += len;
		list += *list == ',';
	}
	return 0;
}

/* "+LIST" is the defaults and LIST, as lsblk reads it. */
static int select_columns(const struct table_column_set *set, const char *list, bool json,
			  size_t *cols, size_t *n, struct error_record *e)
{
	const char *defaults = json ? set->json_defaults : set->defaults;
	int r = 0;

	*n = 0;
	if (!list || *list == '+')
		r = add_columns(set, defaults, cols, n, e);
	if (r == 0 && list)
		r = add_columns(set, list + (*list == '+'), cols, n, e);
	if (r == 0 && *n == 0)
		r = error_set(e, -EINVAL, "no column asked for");
	return r;
}

int table_columns_check(const struct table_column_set *set, const char *list,
			struct error_record *e)
{
	size_t cols[TABLE_MAX_COLUMNS], n;

	return select_columns(set, list, false, cols, &n, e);
}

/* Field mode: a label column (left out with -n) and a value column. */
static int new_field_columns(struct table_output *o, bool labels)
{
	struct libscols_column *cl;

	scols_table_enable_noheadings(o->tb, 1);
	if (labels && !scols_table_new_column(o->tb, "FIELD", FIELD_WIDTH, 0))
		return -ENOMEM;
	/* Every field in one column: the register string among them. */
	cl = scols_table_new_column(o->tb, "VALUE", 0, 0);
	if (!cl)
		return -ENOMEM;
	return scols_column_set_safechars(cl, "\\");
}

static int new_columns(struct table_output *o)
{
	for (size_t i = 0; i < o->ncols; i++) {
		const struct table_column *c = &o->set->v[o->cols[i]];
		struct libscols_column *cl = scols_table_new_column(o->tb, c->name, 0, 0);

		if (!cl)
			return -ENOMEM;
		scols_column_set_json_type(cl, c->json_type);
		if (c->backslashes && scols_column_set_safechars(cl, "\\") < 0)
			return -ENOMEM;
	}
	return 0;
}

static void set_format(struct libscols_table *tb, const struct table_column_set *set,
		       const struct table_format *f)
{
	if (f->json) {
		scols_table_enable_json(tb, 1);
		scols_table_set_name(tb, set->json_name);
	}
	scols_table_enable_raw(tb, f->raw);
	scols_table_enable_noheadings(tb, f->noheadings);
}

int table_output_open(struct table_output *o, const struct table_column_set *set,
		      const struct table_format *f, FILE *out)
{
	int r;

	memset(o, 0, sizeof(*o));
	o->set = set;
	o->fields = set->fields && !f->json && !f->raw;
	o->json = f->json;
	r = select_columns(set, f->columns, f->json, o->cols, &o->ncols, NULL);
	if (r < 0)
		return r; /* the parser checked the list: out of memory cannot be it */
	o->tb = scols_new_table();
	if (!o->tb)
		return -ENOMEM;
	scols_table_set_stream(o->tb, out);
	set_format(o->tb, set, f);
	r = o->fields ? new_field_columns(o, !f->noheadings) : new_columns(o);
	if (r < 0) {
		scols_unref_table(o->tb);
		o->tb = NULL;
	}
	return r;
}

static char label_char(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if (c == '_')
		return ' ';
	return c;
}

/* "PAGE_SIZE" as the label "page size:". */
static void field_label(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 2 < size; i++)
		buf[i] = label_char(name[i]);
	buf[i++] = ':';
	buf[i] = '\0';
}

/* libsmartcols escapes control bytes, but writes bytes that are not UTF-8
 * into a JSON string as they are, which makes the document invalid: such a
 * byte becomes the code point of its value, as a JSON reader expects. */
static int set_cell(const struct table_output *o, struct libscols_line *ln, size_t i,
		    const char *text)
{
	char utf8[2 * TABLE_CELL_MAX];

	if (o->json && !utf8_valid(text)) {
		if (utf8_from_bytes(text, utf8, sizeof(utf8)) < 0)
			return -ENOMEM;
		text = utf8;
	}
	return scols_line_set_data(ln, i, text) < 0 ? -ENOMEM : 0;
}

/* One line per column that has a value: an object has no empty fields. */
static int add_fields(struct table_output *o, const void *row, char *buf, size_t size)
{
	bool labels = scols_table_get_ncols(o->tb) == 2;

	for (size_t i = 0; i < o->ncols; i++) {
		const char *text = o->set->cell(row, o->cols[i], true, buf, size);
		struct libscols_line *ln;
		char label[32];

		if (!text)
			continue;
		ln = scols_table_new_line(o->tb, NULL);
		if (!ln)
			return -ENOMEM;
		field_label(o->set->v[o->cols[i]].name, label, sizeof(label));
		if ((labels && scols_line_set_data(ln, 0, label) < 0) ||
		    set_cell(o, ln, labels, text) < 0)
			return -ENOMEM;
	}
	return 0;
}

int table_output_add(struct table_output *o, const void *row)
{
	struct libscols_line *ln;
	char buf[TABLE_CELL_MAX];

	if (o->fields)
		return add_fields(o, row, buf, sizeof(buf));
	ln = scols_table_new_line(o->tb, NULL);
	if (!ln)
		return -ENOMEM;
	for (size_t i = 0; i < o->ncols; i++) {
		const char *text = o->set->cell(row, o->cols[i], false, buf, sizeof(buf));

		if (text && set_cell(o, ln, i, text) < 0)
			return -ENOMEM;
	}
	return 0;
}

int table_output_close(struct table_output *o)
{
	int r = scols_print_table(o->tb);

	scols_unref_table(o->tb);
	o->tb = NULL;
	return r < 0 ? r : 0;
}

void table_document_begin(struct table_document *d, const struct table_format *f, FILE *out)
{
	*d = (struct table_document){ .out = out, .json = f->json };
}

/* libsmartcols prints a JSON table as a whole object, "{\n...\n}\n": its
 * inside is the member; the separators and the braces are the document's. */
static int add_json_member(struct table_document *d, struct libscols_table *tb)
{
	char *text = NULL;
	size_t len;
	int r = scols_print_table_to_string(tb, &text);

	if (r < 0 || !text) {
		free(text);
		return r < 0 ? r : -ENOMEM;
	}
	len = strlen(text);
	if (len < 5 || strncmp(text, "{\n", 2) != 0 || strcmp(text + len - 3, "\n}\n") != 0) {
		free(text);
		return -EPROTO; /* not the JSON this library prints */
	}
	fprintf(d->out, "%s%.*s", d->members ? ",\n" : "{\n", (int)(len - 5), text + 2);
	free(text);
	return 0;
}

int table_document_add(struct table_document *d, struct table_output *o)
{
	int r;

	if (d->json) {
		r = add_json_member(d, o->tb);
		scols_unref_table(o->tb);
		o->tb = NULL;
	} else {
		if (d->members)
			fputc('\n', d->out);
		r = table_output_close(o);
	}
	d->members++;
	return r;
}

int table_document_add_rows(struct table_document *d, const struct table_column_set *set,
			    const struct table_format *f, const void *rows, size_t n, size_t size)
{
	struct table_output o;
	int r = table_output_open(&o, set, f, d->out);

	for (size_t i = 0; r == 0 && i < n; i++)
		r = table_output_add(&o, (const char *)rows + i * size);
	if (r == 0)
		return table_document_add(d, &o);
	if (o.tb)
		table_output_close(&o);
	return r;
}

int table_document_end(struct table_document *d)
{
	if (d->json)
		fputs(d->members ? "\n}\n" : "{\n}\n", d->out);
	return ferror(d->out) ? -EIO : 0;
}
