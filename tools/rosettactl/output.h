/* Printing through lib/table.h: a command's tables as one document. */
#ifndef ROSETTACTL_OUTPUT_H
#define ROSETTACTL_OUTPUT_H

#include <stddef.h>

#include "lib/table.h"

/* Add n rows (each size bytes, from rows) to d as the table of set, in
 * format f. Returns 0 or -errno. */
int rctl_add_table(struct table_document *d, const struct table_column_set *set,
		   const struct table_format *f, const void *rows, size_t n, size_t size);

#endif
