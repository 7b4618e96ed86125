/* What list, show, status and conflicts print, through libsmartcols: a
 * table (the default), raw (-r), JSON (-J), headings or not (-n), and the
 * columns the user picks (-o), as lsblk and findmnt do. A command names
 * its columns in a ctl_column_set and hands rows to ctl_output_add. */
#ifndef BINFMTCTL_OUTPUT_H
#define BINFMTCTL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "args.h"
#include "binfmt/entry.h"

#define CTL_MAX_COLUMNS 16

/* Large enough for any cell: a register string, an extension, a magic or a
 * mask in hex. */
#define CTL_CELL_MAX (2 * BINFMT_FIELD_MAX + 8 * BINFMT_MAGIC_MAX)

struct ctl_column {
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
typedef const char *(*ctl_cell_fn)(const void *row, size_t col, bool human, char *buf, size_t size);

struct ctl_column_set {
	const struct ctl_column *v;
	size_t n;
	ctl_cell_fn cell;
	const char *defaults;	   /* the table's columns, "NAME,STATE" */
	const char *json_defaults; /* JSON's: every field a script reads */
	const char *json_name;	   /* the JSON document's one array */
	/* One object described field by field ("name: value" lines) rather
	 * than a table, when neither -J nor -r asks for data. */
	bool fields;
};

extern const struct ctl_column_set ctl_entry_columns, ctl_show_columns, ctl_status_columns,
    ctl_conflict_columns;

/* Check an -o list ("NAME,STATE", "+MAGIC" for the defaults and MAGIC);
 * names are read in any case. Returns 0 or ctl_usage_error(). */
int ctl_columns_check(const struct ctl_column_set *set, const char *list, struct ctl_usage *err);

struct ctl_output {
	const struct ctl_column_set *set;
	struct libscols_table *tb;
	size_t cols[CTL_MAX_COLUMNS];
	size_t ncols;
	bool fields;
	bool json; /* cells must be valid UTF-8 */
};

/* Start the output of set to out in the format a asks for. Returns 0 or
 * -ENOMEM. */
int ctl_output_open(struct ctl_output *o, const struct ctl_column_set *set,
		    const struct ctl_args *a, FILE *out);

/* Add a row. Returns 0 or -ENOMEM. */
int ctl_output_add(struct ctl_output *o, const void *row);

/* Print what was added and free it all. Returns 0 or -errno. */
int ctl_output_close(struct ctl_output *o);

#endif
