/* rosetta-launch --image: the container image unpacked (or found unpacked) by rosetta-mkroot's
 * code into the cache, and the launch turned into one of its root directory under a throwaway
 * overlay. rosetta-init reads the image's entry, environment, working directory and user from
 * the root; an entry given after the options wins over the image's. */
#ifndef ROSETTA_LAUNCH_IMAGE_H
#define ROSETTA_LAUNCH_IMAGE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"
#include "options.h"

struct launch_image {
	char root[PATH_MAX]; /* the unpacked root: cfg->root_dir points here */
	char manifest[80];   /* "sha256:HEX" */
	bool reused;	     /* the cache had it */
	uint64_t elapsed_ms; /* the unpacking, or finding it unpacked */
};

/* Unpack cfg->image into the cache (cache is its directory, cache_dir.h) and point cfg at the
 * root: root_dir, ephemeral. img must outlive cfg's use. Returns 0, or -errno with the
 * messages in err (every one, for the reporter to print). */
int launch_image_prepare(struct launch_config *cfg, const char *cache, struct launch_image *img,
			 struct error_record *err);

#endif
