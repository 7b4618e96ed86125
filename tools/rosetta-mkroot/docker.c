/* A docker-save tree without an OCI layout (Docker before 25): manifest.json's
 * entry for the tag, its config file named by the config's hex (whose digest,
 * the image ID, is the cache key), and its layer tars, each checked against the
 * config's rootfs.diff_ids in order (or, for a blobs/ path, its own name). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reader.h"

#define DOCKER_CONFIG_TYPE "application/vnd.docker.container.image.v1+json"

/* manifest.json's entry for tag, or its only one. */
static int entry_pick(json_t *list, const char *tag, json_t **out, struct error_record *e)
{
	char tags[512] = "";
	size_t i, j, count = 0;

	for (i = 0; i < json_array_size(list); i++) {
		json_t *d = json_array_get(list, i);
		json_t *repo_tags = json_object_get(d, "RepoTags");

		if (json_array_size(repo_tags) == 0)
			name_list_add(tags, sizeof(tags), "<untagged>");
		for (j = 0; j < json_array_size(repo_tags); j++) {
			const char *name = json_string_value(json_array_get(repo_tags, j));

			if (!name)
				continue;
			name_list_add(tags, sizeof(tags), name);
			if (tag && tag_matches(name, tag) && count++ == 0)
				*out = d;
		}
	}
	if (tag && count == 0)
		return error_set(e, -ENOENT, "no image tagged %.100s (tags: %s)", tag,
				 tags[0] ? tags : "none");
	if (tag && count > 1)
		return error_set(e, -EINVAL, "several images are tagged %.100s (tags: %s)", tag,
				 tags);
	if (!tag && json_array_size(list) != 1)
		return error_set(e, -EINVAL,
				 "manifest.json holds %zu images; name one as IMAGE:TAG (tags: %s)",
				 json_array_size(list), tags);
	if (!tag)
		*out = json_array_get(list, 0);
	return json_is_object(*out)
		   ? 0
		   : error_set(e, -EINVAL, "manifest.json: an entry is not an object");
}

/* ref's path (checked against the layout's names) and size; its digest from a blobs/ path. */
static int ref_at(const struct image *img, const char *path, struct blob_ref *ref,
		  struct error_record *e)
{
	struct stat st;
	const char *hex;

	if (!path || !unpack_name_ok(path, false) || strlen(path) >= sizeof(ref->path))
		return error_set(e, -EINVAL,
				 "manifest.json: \"%.100s\" is not a file of a docker save",
				 path ? path : "(none)");
	snprintf(ref->path, sizeof(ref->path), "%s", path);
	if (fstatat(img->layout_fd, path, &st, 0) < 0)
		return error_set(e, -errno, "manifest.json: %s: %m", path);
	ref->size = (uint64_t)st.st_size;
	hex = strncmp(path, "blobs/sha256/", 13) == 0 ? path + 13 : NULL;
	if (!hex && strlen(path) == 64 + 5 && strcmp(path + 64, ".json") == 0)
		hex = path;
	if (hex)
		snprintf(ref->digest, sizeof(ref->digest), "sha256:%.64s", hex);
	return 0;
}

/* What a layer blob starts with says its compression; docker save's own are plain tars. */
static const char *layer_type_sniff(const struct image *img, const char *path)
{
	unsigned char m[4] = { 0 };
	int fd = openat(img->layout_fd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd >= 0) {
		if (read(fd, m, sizeof(m)) < 0)
			m[0] = 0;
		close(fd);
	}
	if (m[0] == 0x1f && m[1] == 0x8b)
		return "application/vnd.oci.image.layer.v1.tar+gzip";
	if (m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd)
		return "application/vnd.oci.image.layer.v1.tar+zstd";
	return "application/vnd.oci.image.layer.v1.tar";
}

static int layers_at(struct image *img, json_t *paths, json_t *diff_ids, struct error_record *e)
{
	size_t i;

	if (!json_is_array(paths) || !diff_ids ||
	    json_array_size(paths) != json_array_size(diff_ids))
		return error_set(e, -EINVAL,
				 "manifest.json: Layers does not list one file per rootfs.diff_ids "
				 "entry of config %s",
				 img->config.digest);
	img->layers = calloc(json_array_size(paths) + 1, sizeof(*img->layers));
	if (!img->layers)
		return error_system(e, -ENOMEM, "manifest.json: %m");
	for (i = 0; i < json_array_size(paths); i++) {
		struct blob_ref *ref = &img->layers[i];
		const char *diff_id = json_string_value(json_array_get(diff_ids, i));
		int r;

		img->nlayers++;
		snprintf(ref->digest, sizeof(ref->digest), "%s", diff_id ? diff_id : "");
		r = ref_at(img, json_string_value(json_array_get(paths, i)), ref, e);
		if (r == 0)
			r = digest_check(ref->digest, "config's rootfs.diff_ids", e);
		if (r < 0)
			return r;
		ref->media_type = strdup(layer_type_sniff(img, ref->path));
		if (!ref->media_type)
			return error_system(e, -ENOMEM, "manifest.json: %m");
	}
	return 0;
}

static int entry_read(struct image *img, json_t *entry, struct error_record *e)
{
	json_t *config = NULL;
	int r = ref_at(img, json_str(entry, "Config"), &img->config, e);

	if (r == 0 && !img->config.digest[0])
		r = error_set(e, -EINVAL, "manifest.json: Config %s is not named by its digest",
			      img->config.path);
	if (r == 0 && !(img->config.media_type = strdup(DOCKER_CONFIG_TYPE)))
		r = error_system(e, -ENOMEM, "manifest.json: %m");
	if (r == 0)
		r = blob_ref_copy(&img->manifest, &img->config, e);
	if (r == 0)
		r = blob_read_json(img, &img->config, &config, e);
	if (r < 0)
		return r;
	r = layers_at(img, json_object_get(entry, "Layers"), config_diff_ids(config), e);
	json_decref(config);
	return r;
}

int docker_read(struct image *img, const char *tag, const struct platform *want,
		struct error_record *e)
{
	json_t *list, *entry = NULL;
	int r = json_file_read(img->layout_fd, "manifest.json", JSON_ARRAY, &list, e);

	if (r < 0)
		return r;
	r = entry_pick(list, tag, &entry, e);
	if (r == 0)
		r = entry_read(img, entry, e);
	json_decref(list);
	if (r == 0)
		r = config_read(img, want, e);
	return r;
}
