/* What the image reader's files share (image.h is its API): descriptors, the
 * platform a manifest is for, media types, and the readers of each form. */
#ifndef MKROOT_READER_H
#define MKROOT_READER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "image.h"

/* blob.c: digests and descriptors. */
/* 0 for "sha256:" + 64 lowercase hex; else -EINVAL naming what (another algorithm too). */
int digest_check(const char *digest, const char *what, struct error_record *e);
/* Fill ref from a descriptor object ({mediaType, digest, size}, all three required, as the
 * spec has them); ref's path becomes "blobs/sha256/HEX". what names the descriptor. */
int descriptor_parse(json_t *d, struct blob_ref *ref, const char *what, struct error_record *e);
/* ref's digest and path from a "sha256:HEX" digest. */
int blob_ref_set_digest(struct blob_ref *ref, const char *digest, const char *what,
			struct error_record *e);
int blob_ref_copy(struct blob_ref *to, const struct blob_ref *from, struct error_record *e);
void blob_ref_free(struct blob_ref *ref);
/* The blob (checked, at most IMAGE_JSON_MAX bytes) parsed as a JSON object. */
int blob_read_json(const struct image *img, const struct blob_ref *ref, json_t **out,
		   struct error_record *e);

/* json_file.c: a JSON document of type (JSON_OBJECT, JSON_ARRAY) and at most IMAGE_JSON_MAX
 * bytes, from a file below dirfd or from text; what names it in messages. */
int json_file_read(int dirfd, const char *name, json_type type, json_t **out,
		   struct error_record *e);
int json_text_parse(const char *text, size_t len, const char *what, json_type type, json_t **out,
		    struct error_record *e);
/* obj[key] as a string, NULL when absent or not a string. */
const char *json_str(json_t *obj, const char *key);

/* platform.c */
struct platform {
	char os[24], arch[24], variant[16];
};
int platform_parse(const char *text, struct platform *p, struct error_record *e);
/* From an object with os/architecture/variant (a descriptor's platform, an image config).
 * Returns 0, or -ENOENT when it names no os or architecture. */
int platform_from_json(json_t *obj, struct platform *p);
/* want's variant, when it has one, must be have's too. */
bool platform_matches(const struct platform *want, const struct platform *have);
void platform_format(const struct platform *p, char *buf, size_t size);
/* Add p's text to a ", "-separated list of the platforms an image has, once each. */
void platform_list_add(char *list, size_t size, const struct platform *p);

/* media_type.c */
bool media_is_manifest(const char *mt);
bool media_is_index(const char *mt);
bool media_is_config(const char *mt);

/* tag.c: does an index entry's ref name (or a docker RepoTag) answer to tag? */
bool tag_matches(const char *name, const char *tag);
/* Add name to a ", "-separated list. */
void name_list_add(char *list, size_t size, const char *name);

/* index.c: the manifest for want among an index's "manifests", nested indexes followed. */
int index_choose(const struct image *img, json_t *index, const struct platform *want,
		 struct blob_ref *out, struct error_record *e);

/* manifest.c: img->manifest read into img->config and img->layers. */
int manifest_read(struct image *img, struct error_record *e);

/* config.c: img->config read, its platform checked against want and its diff_ids against
 * img->nlayers, into img->cfg and img->platform. */
int config_read(struct image *img, const struct platform *want, struct error_record *e);
/* image_config.c: image_config_parse of a parsed document; what names it. */
int image_config_from_json(json_t *config, const char *what, struct image_config *ic,
			   struct error_record *e);
/* The config's rootfs.diff_ids, NULL when it has none. */
json_t *config_diff_ids(json_t *config);

/* layout.c: an OCI image layout at img->layout_fd. */
int layout_read(struct image *img, const char *tag, const struct platform *want,
		struct error_record *e);

/* docker.c: a docker-save tree without an OCI layout (manifest.json). */
int docker_read(struct image *img, const char *tag, const struct platform *want,
		struct error_record *e);

/* unpack.c: the layout's files of the tar at path into the directory dirfd. */
int unpack_tar(const char *path, int dirfd, struct error_record *e);
/* The name rule the unpacker applies: 1 for a layout name of that kind, else 0. */
bool unpack_name_ok(const char *name, bool is_dir);

/* tmpdir.c */
int tmpdir_make(const char *parent, char *out, size_t size, struct error_record *e);
int tmpdir_remove(const char *dir);

#endif
