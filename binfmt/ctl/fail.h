/* binfmtctl's failed operations as messages and exit statuses: the
 * library's errors (a -errno, with the rule an input broke where libbinfmt
 * names one) sorted into the input's fault and the system's. */
#ifndef BINFMTCTL_FAIL_H
#define BINFMTCTL_FAIL_H

#include "binfmt/rule.h"
#include "lib/report.h"

/* Record "cannot OP OBJECT: cause", the exit status chosen from err.
 * Returns rep->code, so that commands can "return ctl_fail_op(...)". */
int ctl_fail_op(struct report *rep, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same for a libbinfmt call that may have found a rule broken: the
 * cause is the rule's phrase when rule names one (exit status 1), else as
 * ctl_fail_op. */
int ctl_fail_rule(struct report *rep, int err, const struct binfmt_rule *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The exit status an error implies: the input's fault (a rule broken, no
 * such entry or file, refused by the kernel) is 1; the system's is 3. rule
 * may be NULL. */
int ctl_exit_code(int err, const struct binfmt_rule *rule);

#endif
