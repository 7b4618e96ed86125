/*
 * rosettactl's checks over a fixture tree: a healthy guest as the checks see it, made in a
 * scratch directory, which a test then breaks in the one way a check is about. The target
 * points every path into the tree; the kernel probes are set to a healthy arm64 kernel's
 * answers, which a test changes by hand.
 */
#ifndef TESTS_UNIT_ROSETTACTL_FIXTURE_H
#define TESTS_UNIT_ROSETTACTL_FIXTURE_H

#include <stdbool.h>

#include "tests/unit/scratch.h"
#include "tools/rosettactl/check.h"

struct rctl_fixture {
	struct scratch s;
	struct rctl_target t;
};

/* cmocka fixtures: *state becomes a struct rctl_fixture holding a healthy tree. */
int rctl_fixture_setup(void **state);
int rctl_fixture_teardown(void **state);

/* Read the target again, after the test changed the configuration (proc/cmdline,
 * etc/rosetta-init.conf); the probes are kept. */
void rctl_fixture_reload(struct rctl_fixture *fx);

/* Write proc/cmdline and reload. */
void rctl_fixture_cmdline(struct rctl_fixture *fx, const char *cmdline);

/* Replace proc/self/mountinfo with lines (mountinfo's format). */
void rctl_fixture_mountinfo(struct rctl_fixture *fx, const char *lines);

/* The mount table of a healthy guest, with extra lines after it. */
void rctl_fixture_mounts_with(struct rctl_fixture *fx, const char *extra);

/* Write binfmt_misc entry name, matching x86-64 ELF programs, as the kernel reports it. */
void rctl_fixture_entry(struct rctl_fixture *fx, const char *name, bool enabled,
			const char *interpreter, const char *flags);

/* Write the translator: a static ELF executable of machine m, mode mode. */
void rctl_fixture_translator(struct rctl_fixture *fx, unsigned int machine, unsigned int mode);

/* Write proc/self/auxv: n type/value pairs, then AT_NULL. */
void rctl_fixture_auxv(struct rctl_fixture *fx, const unsigned long *pairs, size_t n);

/* Run check c; the verdict, with its evidence printed when it is not want. */
enum rctl_verdict rctl_fixture_check(struct rctl_fixture *fx, const struct rctl_check *c,
				     struct rctl_finding *f);

/* Assert that c gives want on the fixture as it is. */
void rctl_fixture_expect(struct rctl_fixture *fx, const struct rctl_check *c,
			 enum rctl_verdict want);

#endif
