/* The TSO memory-model prctl some arm64 kernels carry (Asahi's, Apple's
 * guest patches): Rosetta switches the CPU to x86's total store order with
 * it, and without it emulates the ordering, slower but correct. Judging
 * is apart from asking the kernel, so that the tests judge any answer. */
#ifndef ROSETTACTL_TSO_H
#define ROSETTACTL_TSO_H

#define RCTL_PR_GET_MEM_MODEL 0x6d4d444c

enum rctl_tso {
	RCTL_TSO_UNKNOWN, /* not asked, or an answer that says neither */
	RCTL_TSO_ABSENT,  /* EINVAL: the kernel knows no such prctl */
	RCTL_TSO_PRESENT,
};

/* The verdict on prctl(RCTL_PR_GET_MEM_MODEL)'s return value and errno. */
enum rctl_tso rctl_tso_judge(int ret, int err);

/* Ask this kernel. */
enum rctl_tso rctl_tso_probe(void);

/* "present", "absent", "unknown". */
const char *rctl_tso_name(enum rctl_tso tso);

#endif
