/* Would the kernel run this file as an interpreter? The checks open_exec()
 * makes, named one by one before anything is written to register. */
#ifndef BINFMT_RUNNABLE_H
#define BINFMT_RUNNABLE_H

#include "rule.h"

/* Check path as the kernel opens an interpreter (open_exec(): a regular
 * file with execute permission, on a mount that allows exec). It does so
 * when an entry with flag F is registered, and without F each time a
 * program runs through the entry. path resolves inside root_fd, as
 * in_root_open() does (AT_FDCWD: as usual). Returns 0; what the
 * kernel would fail with (-ENOENT, -EISDIR, -EACCES) with the rule that
 * names what is wrong in rule (BINFMT_E_INTERP_MISSING, _DIR, _NOT_REGULAR,
 * _NOT_EXEC, _NOEXEC_MOUNT); or -errno, rule->broken BINFMT_OK, when the
 * file cannot be examined. */
int binfmt_interp_runnable(int root_fd, const char *path, struct binfmt_rule *rule);

#endif
