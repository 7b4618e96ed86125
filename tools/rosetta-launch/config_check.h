/*
 * The rules between rosetta-launch's options, checked once every option is read: what is
 * required, which roots and root options go together, that no two shares have one tag,
 * which options a backend takes; and the memory default that depends on the root. Pure.
 */
#ifndef ROSETTA_LAUNCH_CONFIG_CHECK_H
#define ROSETTA_LAUNCH_CONFIG_CHECK_H

#include <stdbool.h>

#include "lib/error.h"
#include "options.h"

/* Guest memory without --memory: LAUNCH_MEMORY_OVERLAY for --ephemeral with --root-dir
 * (the guest keeps the root's writes in a tmpfs), else LAUNCH_MEMORY_DEFAULT. */
unsigned int launch_default_memory(const struct launch_config *cfg);

/* Which of the options that have a default were given: a rule may depend on it. */
struct launch_given {
	bool memory;
	bool accel;
};

/* 0, or -EINVAL with err naming the options. Sets the memory default unless given. */
int launch_check_config(struct launch_config *cfg, const struct launch_given *given,
			struct error_record *err);

#endif
