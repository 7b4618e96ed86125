/*
 * rosetta-launch's configuration and the parser that fills it from argv. Pure: it neither
 * prints nor looks at the file system; strings point into argv.
 */
#ifndef ROSETTA_LAUNCH_OPTIONS_H
#define ROSETTA_LAUNCH_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define LAUNCH_VERSION	   "0.1"
#define LAUNCH_DEFAULT_TAG "rosetta"
#define LAUNCH_ROOT_TAG	   "rosetta-root"
/* The virtio-fs device config holds a 36-byte tag. */
#define LAUNCH_TAG_MAX 36

enum launch_accel {
	LAUNCH_ACCEL_AUTO,
	LAUNCH_ACCEL_KVM,
	LAUNCH_ACCEL_TCG,
};

struct launch_config {
	const char *kernel;
	const char *initrd;
	const char *rosetta_dir;
	const char *root_dir;  /* NULL: the init's default root */
	const char *cmdline;   /* extra kernel command line text, or NULL */
	const char *qemu;      /* NULL: qemu-system-aarch64 from PATH */
	const char *virtiofsd; /* NULL: the default location, then PATH */
	const char *tag;
	unsigned int memory_mib;
	unsigned int cpus;
	unsigned int timeout_s; /* 0: none */
	enum launch_accel accel;
	bool verbose;
	bool dry_run;
	bool interactive;   /* a terminal on stdin: someone can use an emergency shell */
	char *const *entry; /* ENTRY ARGS, or NULL for the init's default */
	size_t entry_count;
};

enum launch_action {
	LAUNCH_RUN,
	LAUNCH_HELP,
	LAUNCH_VERSION_INFO,
};

void launch_config_init(struct launch_config *cfg);

/* Return a launch_action, or -EINVAL with err filled for a usage error. */
int launch_parse_options(int argc, char *argv[], struct launch_config *cfg,
			 struct launch_error *err);

/* 0 when tag can name a virtiofs share on the command line and in a qemu option. */
int launch_check_tag(const char *tag);

#endif
