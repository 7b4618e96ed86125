/* doctor's checks: one function per known way x86-64 programs fail to run
 * through Rosetta, each judging what it reads through the target's paths
 * (and probes) and giving a verdict, the evidence and a one-line remedy.
 * Nothing here prints. */
#ifndef ROSETTACTL_CHECK_H
#define ROSETTACTL_CHECK_H

#include <stddef.h>

#include "target.h"

/* In rising order of concern. */
enum rctl_verdict {
	RCTL_OK,
	RCTL_SKIPPED, /* does not apply here, or what it needs is missing (said) */
	RCTL_WARNING, /* works, with a known limit or risk */
	RCTL_ERROR,   /* could not be checked: the system failed (exit 3) */
	RCTL_FAILED,  /* x86-64 programs fail, or some of them (exit 1) */
};

#define RCTL_EVIDENCE_MAX 512

struct rctl_finding {
	enum rctl_verdict verdict;
	char evidence[RCTL_EVIDENCE_MAX]; /* what was seen */
	const char *remedy;		  /* one line; NULL when there is nothing to do */
};

struct rctl_check {
	const char *name; /* "share", "flag-C": what -J and the man page call it */
	const char *what; /* what it makes sure of, for --help and the man page */
	enum rctl_verdict (*run)(const struct rctl_target *t, struct rctl_finding *f);
};

/* Every check, in the order doctor runs them: from the share to the
 * cache, each after what it depends on. */
extern const struct rctl_check *const rctl_checks[];
extern const size_t rctl_nchecks;

/* Fill f; returns verdict, so that a check can end with
 * `return rctl_found(f, RCTL_FAILED, "remedy", "evidence %s", ...)`. */
enum rctl_verdict rctl_found(struct rctl_finding *f, enum rctl_verdict verdict, const char *remedy,
			     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "ok", "skipped", "warning", "error", "failed". */
const char *rctl_verdict_name(enum rctl_verdict verdict);

/* The exit status a verdict calls for (docs/CONVENTIONS.md). */
int rctl_verdict_exit(enum rctl_verdict verdict);

/* The checks, by group (checks_*.c). */
extern const struct rctl_check rctl_check_share, rctl_check_share_fs, rctl_check_translator,
    rctl_check_translator_runs, rctl_check_binfmt_misc, rctl_check_entry, rctl_check_entry_owned,
    rctl_check_interpreter, rctl_check_flag_C, rctl_check_flag_P, rctl_check_flag_F,
    rctl_check_rivals, rctl_check_page_size, rctl_check_va_bits, rctl_check_auxv, rctl_check_vdso,
    rctl_check_tso, rctl_check_kernel_config, rctl_check_proc, rctl_check_loader,
    rctl_check_rosettad, rctl_check_cache_socket;

#endif
