/* Media types: which descriptors are manifests, indexes, image configs and
 * layers (OCI and Docker v2 schema 2); anything else in an index is an artifact
 * or an attestation, which the spec says to ignore. */
#include <string.h>

#include "reader.h"

static bool one_of(const char *mt, const char *const *list)
{
	for (; mt && *list; list++)
		if (strcmp(mt, *list) == 0)
			return true;
	return false;
}

bool media_is_manifest(const char *mt)
{
	static const char *const types[] = { "application/vnd.oci.image.manifest.v1+json",
					     "application/vnd.docker.distribution.manifest.v2+json",
					     NULL };

	return one_of(mt, types);
}

bool media_is_index(const char *mt)
{
	static const char *const types[] = {
		"application/vnd.oci.image.index.v1+json",
		"application/vnd.docker.distribution.manifest.list.v2+json", NULL
	};

	return one_of(mt, types);
}

bool media_is_config(const char *mt)
{
	static const char *const types[] = { "application/vnd.oci.image.config.v1+json",
					     "application/vnd.docker.container.image.v1+json",
					     NULL };

	return one_of(mt, types);
}

enum layer_compression image_layer_compression(const char *media_type)
{
	static const char *const tar[] = {
		"application/vnd.oci.image.layer.v1.tar",
		"application/vnd.oci.image.layer.nondistributable.v1.tar",
		"application/vnd.docker.image.rootfs.diff.tar", NULL
	};
	static const char *const gzip[] = {
		"application/vnd.oci.image.layer.v1.tar+gzip",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
		"application/vnd.docker.image.rootfs.diff.tar.gzip",
		"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", NULL
	};
	static const char *const zstd[] = {
		"application/vnd.oci.image.layer.v1.tar+zstd",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
		"application/vnd.docker.image.rootfs.diff.tar.zstd", NULL
	};

	if (one_of(media_type, tar))
		return LAYER_TAR;
	if (one_of(media_type, gzip))
		return LAYER_GZIP;
	if (one_of(media_type, zstd))
		return LAYER_ZSTD;
	return LAYER_UNKNOWN;
}
