/* The launch of a container image; see image.h. */
#include "image.h"

#include <stdio.h>

#include "lib/clock.h"
#include "tools/rosetta-mkroot/run.h"

int launch_image_prepare(struct launch_config *cfg, const char *cache, struct launch_image *img,
			 struct error_record *err)
{
	struct mkroot_options o = { .image = cfg->image, .platform = cfg->platform };
	struct mkroot_result res;
	uint64_t start = monotonic_ms();
	int r = mkroot_run(&o, cache, &res, err);

	if (r < 0)
		return r;
	snprintf(img->root, sizeof(img->root), "%s", res.output);
	snprintf(img->manifest, sizeof(img->manifest), "%s", res.manifest);
	img->reused = res.reused;
	img->elapsed_ms = monotonic_ms() - start;
	cfg->root_dir = img->root;
	cfg->ephemeral = true;
	return 0;
}
