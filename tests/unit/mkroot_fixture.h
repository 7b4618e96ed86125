/* Test images for rosetta-mkroot's reader, written by hand in a scratch directory: blobs
 * named by their SHA-256 (computed with nettle), small configs and manifests, OCI layouts,
 * docker-save trees, and tars of them. Every helper fails the test when it cannot write. */
#ifndef TESTS_UNIT_MKROOT_FIXTURE_H
#define TESTS_UNIT_MKROOT_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "tests/unit/scratch.h"

struct fx_desc {
	char digest[7 + 64 + 1];
	size_t size;
	char hex[64 + 1];
};

#define FX_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define FX_INDEX    "application/vnd.oci.image.index.v1+json"
#define FX_CONFIG   "application/vnd.oci.image.config.v1+json"
#define FX_TAR	    "application/vnd.oci.image.layer.v1.tar"
#define FX_GZIP	    "application/vnd.oci.image.layer.v1.tar+gzip"

/* The digest of data, and data written as LAYOUT/blobs/sha256/HEX. */
void fx_digest(const void *data, size_t len, struct fx_desc *d);
void fx_blob(struct scratch *s, const char *layout, const char *data, struct fx_desc *d);

/* A one-layer image for linux/ARCH (layer bytes "layer of ARCH", of media type layer_type)
 * in layout's blobs; *m is its manifest. */
void fx_image(struct scratch *s, const char *layout, const char *arch, const char *layer_type,
	      struct fx_desc *m);
/* The same with a manifest JSON made by the caller from the config and layer descriptors. */
void fx_manifest_of(struct scratch *s, const char *layout, const char *manifest_fmt,
		    const struct fx_desc *config, const struct fx_desc *layer, struct fx_desc *m);
void fx_config(struct scratch *s, const char *layout, const char *arch, const struct fx_desc *layer,
	       struct fx_desc *c);

/* A descriptor's JSON text (into a static-free buffer the caller owns); extra is more
 * members (",\"platform\":{...}") or "". */
char *fx_entry(char *buf, size_t size, const char *mt, const struct fx_desc *d, const char *extra);

/* oci-layout and index.json with manifests_json as its list's members. */
void fx_layout(struct scratch *s, const char *layout, const char *manifests_json);

/* A layout of one fx_image for linux/ARCH (plain tar layer), its index.json entry with the
 * extra members entry_extra; *m its manifest. */
void fx_single(struct scratch *s, const char *layout, const char *arch, const char *entry_extra,
	       struct fx_desc *m);

/* A tar (gzip-compressed when gzip) of the files and directories below dir, named as
 * they are below it, into path. */
void fx_tar_dir(const char *dir, const char *path, bool gzip);
/* A tar of one member: name, of type AE_IFREG or another (AE_IFLNK with target). */
void fx_tar_member(const char *path, const char *name, unsigned type, const char *data);

#endif
