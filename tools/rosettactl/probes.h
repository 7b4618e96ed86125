/* What only the running kernel can say, asked once by the program and
 * handed to the checks in the target, so that the tests give them any
 * answer: the user address width, the vDSO, the TSO prctl. They are asked
 * only on arm64, where Rosetta runs: elsewhere the answers mean nothing. */
#ifndef ROSETTACTL_PROBES_H
#define ROSETTACTL_PROBES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/utsname.h>

#include "tso.h"

struct rctl_probes {
	bool done; /* asked: this is an arm64 kernel */
	char release[sizeof(((struct utsname *)0)->release)];
	char machine[sizeof(((struct utsname *)0)->machine)];
	unsigned int va_bits;	   /* 0: unknown */
	const unsigned char *vdso; /* its image, NULL when none was found */
	size_t vdso_len;
	int vdso_err;
	enum rctl_tso tso;
};

/* Ask this kernel. */
void rctl_probe_kernel(struct rctl_probes *p);

#endif
