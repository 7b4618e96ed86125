/* The report's tables for lib/table.h: the facts (one object), a row per
 * verdict, a row per warning. rosetta-kconfig prints them; a guest tool can
 * print the same. */
#ifndef KCONFIG_COLUMNS_H
#define KCONFIG_COLUMNS_H

#include "lib/table.h"

/* Rows: struct kconfig_facts (one). */
extern const struct table_column_set kconfig_fact_columns;
/* Rows: struct kconfig_verdict. */
extern const struct table_column_set kconfig_verdict_columns;
/* Rows: struct kconfig_warning. */
extern const struct table_column_set kconfig_warning_columns;

#endif
