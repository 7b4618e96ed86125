/*
 * The guest kernel command line: the console and panic settings rosetta-launch relies on,
 * the rosetta.* keys the init reads, and the entry program quoted the way the init splits
 * it. Pure.
 */
#ifndef ROSETTA_LAUNCH_CMDLINE_H
#define ROSETTA_LAUNCH_CMDLINE_H

#include <stddef.h>

#include "lib/error.h"
#include "options.h"

/* arm64's COMMAND_LINE_SIZE is 2048 bytes including the terminating NUL. A rosetta.entry
 * value longer than ENTRY_MAX (lib/contract.h) rosetta-init ignores, and it would run its
 * default entry instead: the launcher refuses it. */
#define LAUNCH_CMDLINE_MAX 2047

/* The entry's quoting is the contract's: contract_entry_quote (lib/contract.h). */

/* Build the whole command line into buf (size > LAUNCH_CMDLINE_MAX). root_fstype, when
 * not NULL or "", is the root image's filesystem type (launch_image_fstype), passed as
 * rosetta.rootfstype so that the guest loads its module ahead of the disk; --cmdline may
 * still override it. 0 or -errno. */
int launch_build_cmdline(const struct launch_config *cfg, const char *root_fstype, char *buf,
			 size_t size, struct error_record *err);

#endif
