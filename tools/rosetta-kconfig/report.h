/* rosetta-kconfig's one reporter: the report on standard output (the
 * kernel's facts, a verdict per option, the version warnings), and on
 * standard error the required options missing or the failure that stopped
 * the check. */
#ifndef ROSETTA_KCONFIG_REPORT_H
#define ROSETTA_KCONFIG_REPORT_H

#include "kernel-config/check.h"
#include "lib/table.h"

#define PROG "rosetta-kconfig"

/* Print rep in format f. Returns the exit status: 0 when every required
 * option is met, 1 when one is not (each named on standard error), 3 when
 * the report could not be printed. */
int report_kernel(const struct kconfig_report *rep, const struct table_format *f);

/* Print the messages of e. Returns 1, or 3 for a failure of the system. */
int report_errors(const struct error_record *e);

#endif
