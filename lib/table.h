/* Tables through libsmartcols, as lsblk and findmnt print them: a table
 * (the default), raw (-r), JSON (-J), headings or not (-n), and the columns
 * the user picks (-o). A program names its columns in a table_column_set
 * and hands rows to table_output_add; several tables make one document
 * (one JSON object) through table_document. */
#ifndef LIB_TABLE_H
#define LIB_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define TABLE_MAX_COLUMNS 16

/* The buffer a cell function writes into: large enough for binfmtctl's
 * longest cell, a register string with its magic and mask in hex. */
#define TABLE_CELL_MAX 8192

struct table_column {
	const char *name; /* the heading; its lower case is the JSON key */
	int json_type;	  /* SCOLS_JSON_* */
	const char *help; /* for the man page and --help's column list */
	/* Backslashes shown as they are in a table, where libsmartcols would
	 * write "\x" as "\x5cx": a register string is made of escapes. */
	bool backslashes;
};

/* The text of column col of row, or NULL for none (null in JSON). human
 * asks for words rather than data where the two differ ("F (fix-binary)"
 * for "F"); buf holds what the text needs. */
typedef const char *(*table_cell_fn)(const void *row, size_t col, bool human, char *buf,
				     size_t size);

struct table_column_set {
	const struct table_column *v;
	size_t n;
	table_cell_fn cell;
	const char *defaults;	   /* the table's columns, "NAME,STATE" */
	const char *json_defaults; /* JSON's: every field a script reads */
	const char *json_name;	   /* the JSON document's one array */
	/* One object described field by field ("name: value" lines, the
	 * column's name in lower case, '_' as a space) rather than a table,
	 * when neither -J nor -r asks for data. */
	bool fields;
};

/* What -o, -J, -r and -n asked for. */
struct table_format {
	const char *columns; /* -o: NULL for the defaults */
	bool json, raw, noheadings;
};

/* Check an -o list ("NAME,STATE", "+MAGIC" for the defaults and MAGIC);
 * names are read in any case. Returns 0, or -EINVAL with the reason in e. */
int table_columns_check(const struct table_column_set *set, const char *list,
			struct error_record *e);

struct table_output {
	const struct table_column_set *set;
	struct libscols_table *tb;
	size_t cols[TABLE_MAX_COLUMNS];
	size_t ncols;
	bool fields;
	bool json; /* cells must be valid UTF-8 */
};

/* Start the output of set to out in format f, whose column list was
 * checked. Returns 0 or -ENOMEM. */
int table_output_open(struct table_output *o, const struct table_column_set *set,
		      const struct table_format *f, FILE *out);

/* Add a row. Returns 0 or -ENOMEM. */
int table_output_add(struct table_output *o, const void *row);

/* Print what was added and free it all. Returns 0 or -errno. */
int table_output_close(struct table_output *o);

/* Tables printed as one document: in JSON, the members of one object,
 * each named by its set's json_name; otherwise one after another, a blank
 * line between them. */
struct table_document {
	FILE *out;
	bool json;
	size_t members;
};

void table_document_begin(struct table_document *d, const struct table_format *f, FILE *out);

/* Print o as the document's next member and close it (even on failure).
 * Returns 0 or -errno. */
int table_document_add(struct table_document *d, struct table_output *o);

/* Add n rows (each size bytes, from rows) as the document's next member,
 * the table of set in format f, whose column list was checked. Returns 0
 * or -errno. */
int table_document_add_rows(struct table_document *d, const struct table_column_set *set,
			    const struct table_format *f, const void *rows, size_t n, size_t size);

/* Close the JSON object. Returns 0 or -EIO. */
int table_document_end(struct table_document *d);

#endif
