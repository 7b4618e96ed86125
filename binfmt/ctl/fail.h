/* binfmtctl's failed operations as messages and exit statuses: the
 * library's errors (a binfmt_error or a -errno) sorted into the input's
 * fault and the system's. */
#ifndef BINFMTCTL_FAIL_H
#define BINFMTCTL_FAIL_H

#include "lib/report.h"

/* Record "cannot OP OBJECT: cause", the exit status chosen from err.
 * Returns rep->code, so that commands can "return ctl_fail_op(...)". */
int ctl_fail_op(struct report *rep, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The exit status an error implies: the input's fault (a rule broken, no
 * such entry or file, refused by the kernel) is 1; the system's is 3. */
int ctl_exit_code(int err);

#endif
