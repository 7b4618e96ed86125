/* The translator on the share: the file as stage verify judges it
 * (libbinfmt's interp_check with the init's policy, the filesystem judged
 * from the mount table), its SHA-256, and what it says when run by hand in
 * the self-test's sandbox. */
#ifndef ROSETTACTL_TRANSLATOR_H
#define ROSETTACTL_TRANSLATOR_H

#include "binfmt/interp.h"
#include "binfmt/sandbox.h"
#include "lib/digest.h"
#include "mounts.h"
#include "target.h"

struct rctl_translator {
	int open_err;  /* interp_open's: -ENOENT none, -ELOOP a symbolic link */
	int check_err; /* interp_check's: a rule broken (report.rule) or the system's */
	struct interp_report report;
	char sha256[SHA256_HEX]; /* "" unless hashed */
	int sha_err;
	struct rctl_mount mount; /* the mount holding it */
	int mount_err;
};

/* Open and check t->translator; with hash, its SHA-256 through the kernel
 * crypto API too. Never fails: what could not be done is in the _err
 * fields. */
void rctl_translator_read(const struct rctl_target *t, bool hash, struct rctl_translator *tr);

/* Run the translator with no arguments in the self-test's sandbox, within
 * rosetta.selftest.timeout. Returns 0 when it was run (whatever its fate),
 * or -errno when the sandbox could not be set up. */
int rctl_translator_run(const struct rctl_target *t, struct sandbox_result *r);

/* The line naming its version in what it printed: the first line saying
 * "version", else the first line of its output, else of its errors. buf
 * holds it; NULL when it printed nothing. */
const char *rctl_version_line(const struct sandbox_result *r, char *buf, size_t size);

#endif
