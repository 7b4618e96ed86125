/* An image manifest read into the image's config and layer descriptors, each
 * media type checked: a config that is not an image's (an artifact) and a layer
 * this reader cannot unpack are refused by name. */
#include <errno.h>
#include <stdlib.h>

#include "reader.h"

static int layers_read(struct image *img, json_t *list, struct error_record *e)
{
	size_t i;

	if (!json_is_array(list))
		return error_set(e, -EINVAL, "manifest %s: no \"layers\" list",
				 img->manifest.digest);
	img->layers = calloc(json_array_size(list) + 1, sizeof(*img->layers));
	if (!img->layers)
		return error_system(e, -ENOMEM, "manifest %s: %m", img->manifest.digest);
	for (i = 0; i < json_array_size(list); i++) {
		int r = descriptor_parse(json_array_get(list, i), &img->layers[i],
					 img->manifest.digest, e);

		if (r < 0)
			return r;
		img->nlayers++;
		if (image_layer_compression(img->layers[i].media_type) == LAYER_UNKNOWN)
			return error_set(e, -EINVAL,
					 "manifest %s: layer %s has media type %.100s, not a layer "
					 "this reader knows",
					 img->manifest.digest, img->layers[i].digest,
					 img->layers[i].media_type);
	}
	return 0;
}

static int manifest_check(struct image *img, json_t *m, struct error_record *e)
{
	const char *mt = json_str(m, "mediaType");
	json_t *version = json_object_get(m, "schemaVersion");

	if (mt && !media_is_manifest(mt))
		return error_set(e, -EINVAL, "manifest %s: its media type is %.100s",
				 img->manifest.digest, mt);
	if (!json_is_integer(version) || json_integer_value(version) != 2)
		return error_set(e, -EINVAL, "manifest %s: schemaVersion is not 2",
				 img->manifest.digest);
	return 0;
}

int manifest_read(struct image *img, struct error_record *e)
{
	json_t *m;
	int r = blob_read_json(img, &img->manifest, &m, e);

	if (r < 0)
		return r;
	r = manifest_check(img, m, e);
	if (r == 0)
		r = descriptor_parse(json_object_get(m, "config"), &img->config,
				     img->manifest.digest, e);
	if (r == 0 && !media_is_config(img->config.media_type))
		r = error_set(e, -EINVAL,
			      "manifest %s: config media type %.100s is not a container image's",
			      img->manifest.digest, img->config.media_type);
	if (r == 0)
		r = layers_read(img, json_object_get(m, "layers"), e);
	json_decref(m);
	return r;
}
