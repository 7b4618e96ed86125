/* rosetta-init configuration: the rosetta.* keys of the kernel command line
 * and of /etc/rosetta-init.conf in the initramfs (the command line wins). */
#ifndef INIT_CONFIG_H
#define INIT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "lib/contract.h"

#define CONFIG_STR_MAX	    (VALUE_MAX + 1)
#define CONFIG_ENTRY_MAX    (ENTRY_MAX + 1)
#define CONFIG_ARGV_MAX	    (ENTRY_WORDS_MAX + 1) /* the words and the NULL */
#define CONFIG_ENV_MAX	    ENV_VARS_MAX	  /* rosetta.env.NAME=VALUE: images carry many */
#define CONFIG_SERVICES_MAX 8

enum verify_policy {
	VERIFY_STRICT, /* file, filesystem and ELF checks */
	VERIFY_ELF,    /* ELF checks only */
	VERIFY_OFF,    /* nothing, said loudly */
	VERIFY_COUNT,
};

enum emergency_action {
	EMERGENCY_SHELL, /* the native debug shell, when the initramfs has one */
	EMERGENCY_POWEROFF,
	EMERGENCY_HALT,
	EMERGENCY_REBOOT,
	EMERGENCY_AUTO, /* the default: shell when there is one, else poweroff */
	EMERGENCY_COUNT,
};

enum log_level {
	LOG_LEVEL_QUIET,  /* rosetta.quiet: failures and warnings only */
	LOG_LEVEL_NORMAL, /* stage lines */
	LOG_LEVEL_DEBUG,  /* rosetta.debug: details too */
};

/* What stage modules loads: the boot's modules by name (the virtio transport the
 * PCI devices need, the share's and binfmt_misc; the root's in stage root), or
 * a driver for every device of every bus, as udev's coldplug would. */
enum coldplug_mode {
	COLDPLUG_BOOT,
	COLDPLUG_ALL,
	COLDPLUG_COUNT,
};

enum restart_policy {
	RESTART_NEVER,
	RESTART_ON_FAILURE,
	RESTART_ALWAYS,
	RESTART_COUNT,
};

/* The words the configuration spells each value with, indexed by its enum
 * and NULL-ended: what the parsers accept, what their warnings list, what
 * the log prints. */
extern const char *const config_emergency_names[EMERGENCY_COUNT + 1];
extern const char *const config_verify_names[VERIFY_COUNT + 1];
extern const char *const config_restart_names[RESTART_COUNT + 1];
extern const char *const config_coldplug_names[COLDPLUG_COUNT + 1];

/* The keys an image config (IMAGE_CONFIG_FILE) may set, each a bit of
 * config.set once the file or the command line set it: those win over the
 * image's. */
enum config_set {
	CONFIG_SET_ENTRY = 1 << 0,
	CONFIG_SET_WORKDIR = 1 << 1,
	CONFIG_SET_USER = 1 << 2,
};

/* A supervised service from the configuration file. */
struct service_config {
	char name[32];
	char argv_line[CONFIG_STR_MAX]; /* split like rosetta.entry */
	enum restart_policy restart;
	unsigned int backoff_ms;   /* first delay before a restart; doubles */
	unsigned int max_restarts; /* then give up; 0 = no limit */
	char deny[CONFIG_STR_MAX]; /* comma-separated syscall names, "" for none */
};

struct config {
	char tag[CONFIG_STR_MAX];	/* rosetta.tag: virtiofs tag of the share */
	char mount[CONFIG_STR_MAX];	/* rosetta.mount: where the share is mounted */
	char root[CONFIG_STR_MAX];	/* rosetta.root: one of contract_root_forms */
	char rootfstype[32];		/* rosetta.rootfstype, "" = probed by libblkid */
	char rootflags[CONFIG_STR_MAX]; /* rosetta.rootflags: mount options, "" = none */
	bool root_ro;			/* rosetta.ro (rosetta.rw: false, the default) */
	bool overlay;			/* rosetta.overlay=tmpfs */
	/* The first root key whose value was refused, as "KEY=VALUE": the root
	 * stage fails on it rather than boot another tree than the one asked. */
	char root_refused[CONFIG_STR_MAX];
	char entry[CONFIG_ENTRY_MAX];	  /* rosetta.entry: command line of the entry */
	unsigned int timeout_ms;	  /* rosetta.timeout: seconds to wait for the share */
	char binfmt_name[64];		  /* rosetta.binfmt.name */
	char binfmt_flags[8];		  /* rosetta.binfmt.flags */
	enum emergency_action emergency;  /* rosetta.emergency */
	enum verify_policy verify;	  /* rosetta.verify */
	enum coldplug_mode coldplug;	  /* rosetta.coldplug */
	char sha256[65];		  /* rosetta.sha256: hex pin, "" for none */
	int selftest;			  /* rosetta.selftest: 0 skips it */
	unsigned int selftest_timeout_ms; /* rosetta.selftest.timeout, in seconds */
	char exec[CONFIG_STR_MAX]; /* rosetta.exec: hand PID 1 to this init, "" = supervise */
	unsigned int shutdown_timeout_ms; /* rosetta.shutdown.timeout, in seconds */
	char break_stage[32];		  /* rosetta.break: stage to stop before, "" = none */
	char cache[CONFIG_STR_MAX];	  /* rosetta.cache: rosettad cache directory, "" = none */
	enum log_level log_level;	  /* rosetta.quiet, rosetta.debug */
	char env[CONFIG_ENV_MAX][CONFIG_STR_MAX]; /* "NAME=VALUE" for the entry; "" unused */
	char workdir[CONFIG_STR_MAX];		  /* rosetta.workdir: the entry's directory */
	bool has_user;				  /* rosetta.user: the entry runs as */
	uid_t uid;				  /* uid, gid and groups just gid */
	gid_t gid;
	unsigned int set; /* enum config_set: entry, workdir, user applied */
	struct service_config services[CONFIG_SERVICES_MAX];
	unsigned int nservices;
};

/* Where the init looks for its configuration file, in the initramfs. */
#define CONFIG_FILE "/etc/rosetta-init.conf"
/* A bigger configuration file, or image config, is a mistake. */
#define CONFIG_FILE_MAX ((size_t)64 * 1024)

/* Called for each problem found while parsing: a key that is unknown, or a
 * value that is refused (the default stays). where is NULL on the kernel
 * command line and "FILE:LINE" in the configuration file; key is the key as
 * written; problem names the refused value and what is accepted, e.g.
 * "'abc' is not a number of seconds from 1 to 3600". */
typedef void (*config_warn_fn)(void *arg, const char *where, const char *key, const char *problem);

void config_defaults(struct config *cfg);

/* Apply the rosetta.* keys found in a kernel command line. Words are split at
 * blanks; double quotes group a word and are removed, as the kernel does.
 * Keys outside rosetta.* are ignored. Returns the number of warnings. warn
 * may be NULL. */
int config_parse_cmdline(struct config *cfg, const char *cmdline, config_warn_fn warn, void *arg);

/* Apply the text of a configuration file: one key=value per line, keys with
 * or without the "rosetta." prefix, plus the service.NAME.* keys; '#' starts
 * a comment line; double quotes in a value group and are removed. filename
 * only names the file in warnings. Services without argv are dropped (with a
 * warning). Returns the number of warnings. warn may be NULL. */
int config_parse_file_text(struct config *cfg, const char *text, size_t len, const char *filename,
			   config_warn_fn warn, void *arg);

/* Apply the text of an image config (IMAGE_CONFIG_FILE) to a configuration
 * of its own: the configuration file's syntax, but only the keys entry,
 * env.NAME, workdir and user (with or without "rosetta."); any other is
 * warned about and ignored. Returns the number of warnings. */
int config_parse_image_text(struct config *cfg, const char *text, size_t len, const char *filename,
			    config_warn_fn warn, void *arg);

/* Give cfg what an image config's text says (config_parse_image_text) where
 * the configuration file and the command line said nothing: entry, workdir
 * and user unless cfg->set has them; each variable unless cfg->env has its
 * NAME already (one past CONFIG_ENV_MAX is warned about and dropped).
 * Returns the number of warnings, or -ENOMEM. */
int config_merge_image(struct config *cfg, const char *text, size_t len, const char *filename,
		       config_warn_fn warn, void *arg);

/* Read the configuration file at path and apply it (config_parse_file_text).
 * Returns the number of warnings, 0 when the file does not exist (which is
 * normal), or a negative errno when it cannot be read (-EFBIG past 64 KiB);
 * then cfg is unchanged. */
int config_read_file(struct config *cfg, const char *path, config_warn_fn warn, void *arg);

/* The keys of the command line table, as written after "rosetta." (the
 * variables rosetta.env.NAME are the prefix KEY_ENV_PREFIX, not table keys):
 * what the docs' test holds docs/rosetta-init.8 to. config_key_name returns
 * NULL past the last key. */
size_t config_key_count(void);
const char *config_key_name(size_t i);

/* Split an entry command line into argv: words split at blanks, single
 * quotes group a word, a backslash outside them takes the next character as
 * it is (the kernel command line already used the double quotes). Returns
 * argc, or -E2BIG / -EINVAL (unbalanced quote, a backslash ending the line). argv points
 * into buf, which must hold strlen(line) + 1 bytes. */
int config_split_entry(const char *line, char *buf, size_t bufsize, char *argv[], int max);

#endif
