/* rosetta-init configuration: the rosetta.* keys of the kernel command line. */
#ifndef INIT_CONFIG_H
#define INIT_CONFIG_H

#include <stddef.h>

#define CONFIG_STR_MAX	 256
#define CONFIG_ENTRY_MAX 1024
#define CONFIG_ARGV_MAX	 32

enum verify_policy {
	VERIFY_STRICT, /* file, filesystem and ELF checks */
	VERIFY_ELF,    /* ELF checks only */
	VERIFY_OFF,    /* nothing, said loudly */
};

enum emergency_action {
	EMERGENCY_POWEROFF,
	EMERGENCY_HALT,
	EMERGENCY_REBOOT,
};

struct config {
	char tag[CONFIG_STR_MAX];	  /* rosetta.tag: virtiofs tag of the share */
	char mount[CONFIG_STR_MAX];	  /* rosetta.mount: where the share is mounted */
	char root[CONFIG_STR_MAX];	  /* rosetta.root: initramfs:PATH */
	char entry[CONFIG_ENTRY_MAX];	  /* rosetta.entry: command line of the entry */
	unsigned int timeout_ms;	  /* rosetta.timeout: seconds to wait for the share */
	char binfmt_name[64];		  /* rosetta.binfmt.name */
	char binfmt_flags[8];		  /* rosetta.binfmt.flags */
	enum emergency_action emergency;  /* rosetta.emergency */
	enum verify_policy verify;	  /* rosetta.verify */
	char sha256[65];		  /* rosetta.sha256: hex pin, "" for none */
	int selftest;			  /* rosetta.selftest: 0 skips it */
	unsigned int selftest_timeout_ms; /* rosetta.selftest.timeout, in seconds */
};

/* Called for each problem found while parsing: a key that is unknown, or a
 * value that is refused (the default stays). */
typedef void (*config_warn_fn)(void *arg, const char *key, const char *problem);

void config_defaults(struct config *cfg);

/* Apply the rosetta.* keys found in a kernel command line. Words are split at
 * blanks; double quotes group a word and are removed, as the kernel does.
 * Keys outside rosetta.* are ignored. Returns the number of warnings. */
int config_parse_cmdline(struct config *cfg, const char *cmdline, config_warn_fn warn, void *arg);

/* Split an entry command line into argv: words split at blanks, single
 * quotes group a word (the kernel command line already used the double
 * quotes). Returns argc, or -E2BIG / -EINVAL (unbalanced quote). argv points
 * into buf, which must hold strlen(line) + 1 bytes. */
int config_split_entry(const char *line, char *buf, size_t bufsize, char *argv[], int max);

#endif
