/* The aux vector the kernel passes every program (PROC/self/auxv): the
 * page size, and the entry types an older Rosetta does not know and
 * aborts on ("unhandled auxillary vector type 29"). Parsing is apart from
 * reading, so that the tests judge fixture bytes. */
#ifndef ROSETTACTL_AUXV_H
#define ROSETTACTL_AUXV_H

#include <stdbool.h>
#include <stddef.h>

#include "target.h"

#define RCTL_AUXV_MAX 64

/* Types from Linux 6.3 (28, AT_RSEQ_ALIGN) and 6.13 (29, AT_HWCAP3) that
 * Rosetta releases before them abort on. */
#define RCTL_AT_RSEQ_ALIGN 28
#define RCTL_AT_HWCAP3	   29

struct rctl_auxv {
	unsigned long type[RCTL_AUXV_MAX], value[RCTL_AUXV_MAX];
	size_t n; /* entries before AT_NULL */
};

/* Parse len bytes of an aux vector: pairs of unsigned longs up to AT_NULL.
 * Returns 0, -EINVAL without AT_NULL, or -E2BIG past RCTL_AUXV_MAX. */
int rctl_auxv_parse(const void *buf, size_t len, struct rctl_auxv *a);

/* Read and parse PROC/self/auxv. Returns 0 or -errno. */
int rctl_auxv_read(const struct rctl_target *t, struct rctl_auxv *a);

/* The value of type, when a has it. */
bool rctl_auxv_get(const struct rctl_auxv *a, unsigned long type, unsigned long *value);

/* The types of a an older Rosetta aborts on, at most max into out; returns
 * how many. */
size_t rctl_auxv_unknown_to_rosetta(const struct rctl_auxv *a, unsigned long *out, size_t max);

/* "AT_PAGESZ" for 6, NULL for a type without a name here. */
const char *rctl_auxv_name(unsigned long type);

/* The types of a as "33 AT_SYSINFO_EHDR, 51, 16 AT_HWCAP, ..." into buf.
 * Returns buf. */
const char *rctl_auxv_types(const struct rctl_auxv *a, char *buf, size_t size);

#endif
