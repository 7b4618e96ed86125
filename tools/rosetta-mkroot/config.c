/* The image config blob: the platform it was built for, checked against the
 * one asked for whatever the index said, its layer count, and what the guest's
 * entry needs (image_config.c). */
#include <errno.h>
#include <stdio.h>

#include "reader.h"

json_t *config_diff_ids(json_t *config)
{
	json_t *ids = json_object_get(json_object_get(config, "rootfs"), "diff_ids");

	return json_is_array(ids) ? ids : NULL;
}

static int platform_check(struct image *img, json_t *config, const struct platform *want,
			  struct error_record *e)
{
	struct platform have;
	char w[80], h[80];

	if (platform_from_json(config, &have) < 0)
		return error_set(e, -EINVAL, "config %s: no os or architecture",
				 img->config.digest);
	platform_format(want, w, sizeof(w));
	platform_format(&have, h, sizeof(h));
	if (!platform_matches(want, &have))
		return error_set(e, -ENOENT, "image has no %s manifest (it has: %s)", w, h);
	platform_format(&have, img->platform, sizeof(img->platform));
	return 0;
}

static int config_use(struct image *img, json_t *config, const struct platform *want,
		      struct error_record *e)
{
	json_t *ids = config_diff_ids(config);
	int r = platform_check(img, config, want, e);

	if (r < 0)
		return r;
	if (!ids || json_array_size(ids) != img->nlayers)
		return error_set(e, -EINVAL,
				 "config %s: rootfs.diff_ids has %zu entries for %zu layers",
				 img->config.digest, ids ? json_array_size(ids) : 0, img->nlayers);
	return image_config_from_json(config, img->config.digest, &img->cfg, e);
}

int config_read(struct image *img, const struct platform *want, struct error_record *e)
{
	json_t *config;
	int r = blob_read_json(img, &img->config, &config, e);

	if (r < 0)
		return r;
	r = config_use(img, config, want, e);
	json_decref(config);
	return r;
}
