/* What list, show, status and conflicts print: their column sets, for
 * lib/table.h (-o, -J, -r, -n as lsblk and findmnt read them). */
#ifndef BINFMTCTL_OUTPUT_H
#define BINFMTCTL_OUTPUT_H

#include "binfmt/entry.h"
#include "lib/table.h"

/* The longest cell: a register string, an extension, a magic or a mask in
 * hex. */
#define CTL_CELL_MAX (2 * BINFMT_FIELD_MAX + 8 * BINFMT_MAGIC_MAX)
_Static_assert(CTL_CELL_MAX <= TABLE_CELL_MAX, "binfmtctl's cells fit lib/table.h's buffer");

extern const struct table_column_set ctl_entry_columns, ctl_show_columns, ctl_status_columns,
    ctl_conflict_columns;

#endif
