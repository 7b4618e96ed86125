/* The translator self-test: run a tiny x86-64 program through the registered
 * handler, in a sandbox, and expect its exact output and exit code. The
 * program is made at build time by rosetta-mkselftest from the instruction
 * bytes documented there; these constants are the contract between them. */
#ifndef BINFMT_SELFTEST_H
#define BINFMT_SELFTEST_H

#include <stdbool.h>

#include "sandbox.h"

#define SELFTEST_LINE "rosetta-selftest: x86-64 code ran\n"
#define SELFTEST_CODE 42
/* Where the initramfs carries the program (rootfs/initramfs.sh). */
#define SELFTEST_PROGRAM "/lib/rosetta/selftest"

enum selftest_rule {
	SELFTEST_OK = 0,
	SELFTEST_NOT_RUN,      /* could not be started (errno in the result) */
	SELFTEST_TIMEOUT,      /* killed at the time bound */
	SELFTEST_DENIED,       /* killed by the sandbox for a denied system call */
	SELFTEST_SIGNALED,     /* killed by another signal */
	SELFTEST_WRONG_CODE,   /* exited with another code */
	SELFTEST_WRONG_OUTPUT, /* printed something else */
};

/* Run program (the x86-64 test ELF, executed through binfmt_misc) in the
 * self-test sandbox for at most timeout_ms. Returns 0 when it was run,
 * whatever its fate (judge it with selftest_judge), or -errno when the
 * sandbox itself could not be set up; result holds what was seen (status,
 * output, the translator's stderr). */
int selftest_run(const char *program, unsigned int timeout_ms, struct sandbox_result *result);

/* The same sandbox for any program and arguments (argv[0] is executed):
 * the translator run by hand, the self-test through the translator named
 * explicitly. Returns as selftest_run. */
int selftest_run_argv(const char *const *argv, unsigned int timeout_ms,
		      struct sandbox_result *result);

/* Judge a sandbox result against the expected line and code: the rule it
 * breaks, SELFTEST_OK for none. */
enum selftest_rule selftest_judge(const struct sandbox_result *result);

/* The rule as a phrase: "printed something other than the expected line". */
const char *selftest_rule_str(enum selftest_rule rule);

#endif
