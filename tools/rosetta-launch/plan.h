/*
 * What a launch resolved before starting anything: the programs to run, the accelerator,
 * the kernel command line, the root disk, and one virtiofs share per directory; with qemu,
 * each served by a virtiofsd with its socket and log inside the private run directory.
 */
#ifndef ROSETTA_LAUNCH_PLAN_H
#define ROSETTA_LAUNCH_PLAN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"
#include "lib/error.h"
#include "options.h"

/* The translator's, the root's and the --share ones. */
#define LAUNCH_MAX_SHARES (2 + LAUNCH_EXTRA_SHARES_MAX)
/* sizeof(((struct sockaddr_un *)0)->sun_path) on Linux */
#define LAUNCH_SOCKET_MAX  108
#define LAUNCH_RUNDIR_NAME "rosetta-launch.XXXXXX"

struct launch_share {
	const char *tag;
	bool provided;	    /* vfkit's translator share: the framework's, no dir */
	char dir[PATH_MAX]; /* absolute: virtiofsd chroots into it */
	bool ro;	    /* virtiofsd sees dir through a read-only bind mount */
	char socket[LAUNCH_SOCKET_MAX];
	char log[PATH_MAX];
};

/* What the first bytes of a --root-image say it is: qcow2's magic, else raw. */
enum launch_image_format {
	LAUNCH_IMAGE_RAW,
	LAUNCH_IMAGE_QCOW2,
};

struct launch_plan {
	char vm[PATH_MAX]; /* the program that runs the guest: qemu-system-aarch64 or vfkit */
	char virtiofsd[PATH_MAX];
	bool kvm;
	char cmdline[LAUNCH_CMDLINE_MAX + 1];
	struct launch_share share[LAUNCH_MAX_SHARES];
	size_t nshares;
	size_t nservers;	   /* the first nservers shares get a virtiofsd: all with qemu, none
				      with vfkit */
	char root_image[PATH_MAX]; /* absolute; "" without --root-image */
	char root_fstype[32];	   /* its filesystem's type, "" when unknown (a qcow2 one) */
	enum launch_image_format image_format;
};

/* Where the run directory goes: $XDG_RUNTIME_DIR when set to an absolute path, else /tmp. */
const char *launch_runtime_base(const char *xdg_runtime_dir);

/* One share per directory of cfg (the translator's, the root's, each --share's), tags and
 * read-only set, directories as given; and how many need a virtiofsd. 0 or -ENAMETOOLONG. */
int launch_plan_shares(struct launch_plan *plan, const struct launch_config *cfg);

/* Give each served share its socket and log under rundir. 0 or -errno. */
int launch_plan_sockets(struct launch_plan *plan, const char *rundir, struct error_record *err);

#endif
