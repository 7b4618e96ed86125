/* Block devices as libblkid sees them: what the root stage matches
 * rosetta.root=LABEL=/UUID=/PARTUUID= against, and what a failure lists. */
#ifndef INIT_BLOCKDEV_H
#define INIT_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/contract.h"

/* The most devices a scan keeps. */
#define BLOCKDEV_MAX 32

struct blockdev {
	char name[32];	   /* as in /sys/class/block: "vda", "vda1" */
	char type[32];	   /* filesystem type, "" when none is recognised */
	char label[64];	   /* "" when none */
	char uuid[64];	   /* the filesystem's */
	char partuuid[64]; /* the partition table entry's */
};

/* Probe the device node path (e.g. /dev/vda). 0 or -errno. */
int blockdev_probe(const char *path, const char *name, struct blockdev *bd);

/* Probe every block device of a non-zero size under sysdir (normally
 * /sys/class/block) through its node in devdir (/dev). Returns how many
 * were stored in bd (at most max). */
size_t blockdev_scan(const char *sysdir, const char *devdir, struct blockdev *bd, size_t max);

/* Whether bd is the device a LABEL=, UUID= or PARTUUID= spec names, or,
 * for a /dev/NAME spec, the device of that name. */
bool blockdev_matches(const struct blockdev *bd, const struct root_spec *spec);

/* Scan until a device matches spec or boot_ms() reaches deadline, as the
 * host's disks show up when their driver binds. Returns 0 with bd[*found]
 * the match, or -ETIMEDOUT; bd[0..*n) is what the last scan saw. */
int blockdev_wait(const struct root_spec *spec, uint64_t deadline, struct blockdev *bd, size_t max,
		  size_t *n, size_t *found);

/* "vda (ext4, label 'debian-amd64'), vdb (no filesystem)", cut to fit. */
void blockdev_describe(const struct blockdev *bd, size_t n, char *buf, size_t size);

#endif
