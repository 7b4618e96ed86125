/* Deny lists as libseccomp filters: every system call allowed but the named
 * ones. The self-test's sandbox and rosetta-init's services build theirs
 * with this; the caller loads the filter in its child between fork and
 * exec. */
#ifndef LIB_SECCOMP_DENY_H
#define LIB_SECCOMP_DENY_H

#include <seccomp.h>
#include <stdint.h>

/* Told of a name libseccomp does not know: a typo, most likely. */
typedef void (*seccomp_unknown_fn)(void *arg, const char *name);

/* Build into *filter a filter that allows every system call but those of
 * the NULL-ended names, on which it takes action (SCMP_ACT_KILL_PROCESS,
 * SCMP_ACT_ERRNO(EPERM), ...). A name libseccomp does not know is handed to
 * unknown (when not NULL) and skipped; a known one this architecture lacks
 * cannot be called, so it is skipped too. Returns the number of rules added,
 * the filter then the caller's to seccomp_release, or -errno (and no
 * filter). */
int seccomp_deny_build(const char *const *names, uint32_t action, seccomp_unknown_fn unknown,
		       void *arg, scmp_filter_ctx *filter);

#endif
