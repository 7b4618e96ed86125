/* What stage verify checks for each rosetta.verify policy and the remedy
 * it gives for each rule, apart from the stage so that the tools judging a
 * translator as the init would link these alone; see verify.h. */
#include "verify.h"

static const char remedy_share[] =
    "give the VM the Rosetta share (a directory holding the 'rosetta' translator)";
static const char remedy_elf[] =
    "the share must hold Apple's Rosetta translator, a static aarch64 executable";
static const char remedy_file[] =
    "serve the translator read-only, owned by root, not writable by group or others";

static const struct interp_policy policies[] = {
	[VERIFY_STRICT] = { .file = true, .fuse = true, .elf = true },
	[VERIFY_ELF] = { .elf = true },
	[VERIFY_OFF] = { 0 },
};

const struct interp_policy *verify_interp_policy(enum verify_policy verify)
{
	return &policies[verify];
}

const char *verify_remedy(enum interp_rule rule)
{
	switch (rule) {
	case INTERP_NOT_FUSE:
		return remedy_share;
	case INTERP_NOT_EXECUTABLE:
	case INTERP_SHARED_WRITABLE:
	case INTERP_GUEST_WRITABLE:
		return remedy_file;
	default:
		return remedy_elf;
	}
}
