/* The rules rosetta-kconfig checks a kernel configuration against. The
 * fragments required.config and recommended.config are where the rules are
 * written, each option under the one comment line saying why; rules.awk
 * turns them into kconfig_rules[] at build time, so no option is named
 * twice. */
#ifndef KCONFIG_RULES_H
#define KCONFIG_RULES_H

#include <stddef.h>

enum kconfig_level {
	KCONFIG_REQUIRED,    /* a kernel without it cannot run rosetta-guest */
	KCONFIG_RECOMMENDED, /* missing it is worth a warning, not a failure */
	KCONFIG_LEVELS,
};

struct kconfig_rule {
	const char *option; /* "CONFIG_VIRTIO_FS" */
	/* "y": built in or a module; another value: that value exactly; NULL:
	 * not set ("# CONFIG_X is not set" in the fragment). */
	const char *want;
	enum kconfig_level level;
	const char *why; /* the fragment's comment line */
};

/* The fragments' rules, in their order: required.config's, then
 * recommended.config's. */
extern const struct kconfig_rule kconfig_rules[];
extern const size_t kconfig_nrules;

/* "required", "recommended". */
const char *kconfig_level_name(enum kconfig_level level);

#endif
