/*
 * rosetta-launch's configuration and the parser that fills it from argv. Pure: it neither
 * prints nor looks at the file system; strings point into argv, except the --share
 * directories and tags, which are copied (see share_arg.h). The rules between options are
 * in config_check.c.
 */
#ifndef ROSETTA_LAUNCH_OPTIONS_H
#define ROSETTA_LAUNCH_OPTIONS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"
#include "lib/cli.h"
#include "lib/contract.h"

/* --share options; with the translator's and the root's, the shares of one launch. */
#define LAUNCH_EXTRA_SHARES_MAX 8
/* Guest memory when --memory is not given; more when a tmpfs holds the root's writes. */
#define LAUNCH_MEMORY_DEFAULT 1024
#define LAUNCH_MEMORY_OVERLAY 2048

/* What runs the guest: qemu-system-aarch64 with one virtiofsd per share (Linux hosts), or
 * vfkit, Virtualization.framework's command line (macOS hosts), which serves the shares and
 * provides the translator itself. */
enum launch_backend {
	LAUNCH_BACKEND_QEMU,
	LAUNCH_BACKEND_VFKIT,
};

enum launch_accel {
	LAUNCH_ACCEL_AUTO,
	LAUNCH_ACCEL_KVM,
	LAUNCH_ACCEL_TCG,
};

/* A --share DIR:TAG[:ro], copied out of its argument. */
struct launch_extra_share {
	char dir[PATH_MAX];
	char tag[TAG_MAX + 1];
	bool ro;
};

struct launch_config {
	const char *kernel;
	const char *initrd;
	bool no_initrd; /* the kernel boots the root's own init */
	enum launch_backend backend;
	const char *rosetta_dir; /* qemu only: vfkit's translator is the framework's */
	const char *root_dir;	 /* NULL: the init's default root */
	const char *root_image;	 /* a disk image for the root; excludes root_dir */
	const char *image;	 /* a container image, unpacked into root_dir (image.h) */
	const char *platform;	 /* its platform, NULL for rosetta-mkroot's default */
	bool root_ro;		 /* the guest mounts the root read-only */
	bool ephemeral;		 /* the root's writes are thrown away */
	const char *cmdline;	 /* extra kernel command line text, or NULL */
	const char *qemu;	 /* NULL: qemu-system-aarch64 from PATH */
	const char *virtiofsd;	 /* NULL: the default location, then PATH */
	const char *vfkit;	 /* NULL: vfkit from PATH, on macOS only */
	const char *tag;
	unsigned int memory_mib;
	unsigned int cpus;
	unsigned int timeout_s; /* 0: none */
	enum launch_accel accel;
	bool verbose;
	bool dry_run;
	bool expect_poweroff; /* a clean power-off without a status line is success */
	bool interactive;     /* a terminal on stdin: someone can use an emergency shell */
	uint64_t started_ms;  /* monotonic_ms() when the launcher started, for --verbose */
	char *const *entry;   /* ENTRY ARGS, or NULL for the init's default */
	size_t entry_count;
	struct launch_extra_share share[LAUNCH_EXTRA_SHARES_MAX];
	size_t nshares;
};

enum launch_action {
	LAUNCH_RUN,
	LAUNCH_HELP,
	LAUNCH_VERSION_INFO,
};

/* The options, for the parser and for --help. */
extern const struct cli_option launch_options[];
extern const size_t launch_options_count;

void launch_config_init(struct launch_config *cfg);

/* Return a launch_action, or -EINVAL with err filled for a usage error. */
int launch_parse_options(int argc, char *argv[], struct launch_config *cfg,
			 struct error_record *err);

#endif
