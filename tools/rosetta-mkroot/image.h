/* The image reader: an x86-64 container image (an OCI image layout directory,
 * an oci-archive tar of one, or a docker-save tar) opened for rosetta-mkroot,
 * every blob it hands out checked against its descriptor's SHA-256 and size
 * first, so that a layer applied to the root is the one the manifest names. */
#ifndef MKROOT_IMAGE_H
#define MKROOT_IMAGE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "image_config.h"
#include "lib/error.h"

#define BLOB_DIGEST_MAX (7 + 64 + 1) /* "sha256:" + 64 hex + NUL */
#define BLOB_PATH_MAX	192	     /* "blobs/sha256/HEX", or a docker-save "HEX/layer.tar" */
#define IMAGE_JSON_MAX	(4u << 20)   /* index, manifest, config: read whole up to this */

struct blob_ref {
	char digest[BLOB_DIGEST_MAX]; /* "sha256:" + lowercase hex */
	uint64_t size;
	char *media_type; /* as the descriptor says (docker-save legacy: what the reader infers) */
	char
	    path[BLOB_PATH_MAX]; /* the blob's file below the layout, where image_blob_open reads */
};

struct image {
	int layout_fd; /* O_DIRECTORY fd of the layout (or of the temp dir a tar was unpacked into)
			*/
	char tmpdir[PATH_MAX];	  /* a tar's temp dir, removed by image_close; "" for none */
	struct blob_ref manifest; /* its digest is the cache key (docker-save legacy: the config's,
				     the image ID) */
	struct blob_ref config;
	struct blob_ref *layers; /* in the order they apply, base first */
	size_t nlayers;
	struct image_config cfg; /* from the config blob */
	char platform[64];	 /* "os/arch[/variant]" as chosen */
};

/* How a layer blob is compressed, from its media type. */
enum layer_compression {
	LAYER_UNKNOWN, /* not a layer media type this reader knows */
	LAYER_TAR,
	LAYER_GZIP,
	LAYER_ZSTD,
};

/*
 * Open arg: an OCI layout directory with an optional ":TAG" (the whole arg, when it exists,
 * is the path; else it is split at its last ':'), an oci-archive tar, or a docker-save tar
 * (gzip-compressed tars too). platform: "os/arch[/variant]", NULL for "linux/amd64".
 * tmp_parent: where a tar is unpacked (NULL: $TMPDIR, else /tmp). Clears e first; returns 0,
 * -EINVAL (the input), -ENOENT (a missing file or tag) or a system -errno, with a message.
 * img is closed again after a failure.
 */
int image_open(const char *arg, const char *platform, const char *tmp_parent, struct image *img,
	       struct error_record *e);

/* Close the layout, remove a tar's temp dir, free what image_open allocated. Safe twice. */
void image_close(struct image *img);

/*
 * An fd (O_CLOEXEC) at offset 0 of ref's blob, after the whole blob was read once and its
 * size and SHA-256 found equal to ref's. Returns the fd, or -errno (-EINVAL when it differs)
 * with a message naming the blob.
 */
int image_blob_open(const struct image *img, const struct blob_ref *ref, struct error_record *e);

/* The compression of a layer media type (OCI and docker, distributable or not). */
enum layer_compression image_layer_compression(const char *media_type);

#endif
