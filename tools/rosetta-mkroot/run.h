/* One run of rosetta-mkroot: open and check the image, unpack its layers into a staging tree,
 * write the image's configuration into it for rosetta-init, and put the tree in place as a
 * directory or an ext4 image, unless OUTPUT already holds this manifest's. rosetta-launch
 * --image runs the same with no OUTPUT, into the cache. */
#ifndef MKROOT_RUN_H
#define MKROOT_RUN_H

#include <limits.h>
#include <stdbool.h>

#include "layer.h"
#include "lib/error.h"
#include "options.h"

struct mkroot_result {
	char output[PATH_MAX]; /* where the root is: OUTPUT, or the cache's directory */
	char manifest[80];     /* "sha256:HEX": the image's manifest (its ID for old docker tars) */
	char platform[64];     /* the platform unpacked */
	bool reused;	       /* output already held this manifest's root: nothing was done */
	unsigned int nlayers;
	struct layer_stats stats; /* what the layers held, and what could not be kept */
};

/* Returns 0 or -errno with the messages in e. cache is the cache directory (cache_dir.h),
 * used when o->output is NULL. */
int mkroot_run(const struct mkroot_options *o, const char *cache, struct mkroot_result *res,
	       struct error_record *e);

#endif
