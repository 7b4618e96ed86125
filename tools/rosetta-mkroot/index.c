/* Choosing the manifest for a platform in an image index: the entries whose
 * platform matches, nested indexes followed; a manifest with no platform only
 * when it is the index's one image (config.c checks it against the config). */
#include <errno.h>
#include <string.h>

#include "reader.h"

/* Deep enough for a layout's index.json naming a multi-platform index; no registry nests more. */
#define INDEX_DEPTH_MAX 4
/* Nested indexes followed in one choice, whatever their depth: an index of
 * many entries naming the same nested index must not cost its square. */
#define INDEX_FOLLOWS_MAX 64
#define NO_MATCH	  1

struct choice {
	const struct image *img;
	const struct platform *want;
	char seen[512]; /* the platforms the image has, for the error */
	unsigned int follows;
};

static bool is_image(json_t *d)
{
	const char *mt = json_str(d, "mediaType");
	const char *kind = json_str(json_object_get(d, "annotations"), "vnd.docker.reference.type");

	/* BuildKit's attestations are manifests too, for platform unknown/unknown. */
	if (kind && strcmp(kind, "attestation-manifest") == 0)
		return false;
	return media_is_manifest(mt) || media_is_index(mt);
}

static int choose_in(struct choice *c, json_t *index, int depth, struct blob_ref *out,
		     struct error_record *e);

static int follow(struct choice *c, const struct blob_ref *ref, int depth, struct blob_ref *out,
		  struct error_record *e)
{
	json_t *index;
	const char *mt;
	int r;

	if (depth > INDEX_DEPTH_MAX)
		return error_set(e, -EINVAL, "index %s: indexes nested more than %d deep",
				 ref->digest, INDEX_DEPTH_MAX);
	if (++c->follows > INDEX_FOLLOWS_MAX)
		return error_set(e, -EINVAL, "index %s: more than %d nested indexes to read",
				 ref->digest, INDEX_FOLLOWS_MAX);
	r = blob_read_json(c->img, ref, &index, e);
	if (r < 0)
		return r;
	mt = json_str(index, "mediaType");
	if (mt && !media_is_index(mt))
		r = error_set(e, -EINVAL, "index %s: its media type is %.100s", ref->digest, mt);
	else
		r = choose_in(c, index, depth, out, e);
	json_decref(index);
	return r;
}

/* 0 for an entry to take, NO_MATCH for one for another platform, or -errno. */
static int entry_fits(struct choice *c, json_t *d, size_t images, struct error_record *e)
{
	json_t *pj = json_object_get(d, "platform");
	struct platform have;

	if (!pj)
		return images == 1 || media_is_index(json_str(d, "mediaType")) ? 0 : NO_MATCH;
	if (platform_from_json(pj, &have) < 0)
		return error_set(e, -EINVAL,
				 "index entry %.80s: its platform has no os or architecture",
				 json_str(d, "digest") ? json_str(d, "digest") : "(no digest)");
	if (platform_matches(c->want, &have))
		return 0;
	platform_list_add(c->seen, sizeof(c->seen), &have);
	return NO_MATCH;
}

static int choose_in(struct choice *c, json_t *index, int depth, struct blob_ref *out,
		     struct error_record *e)
{
	json_t *list = json_object_get(index, "manifests");
	struct blob_ref ref = { 0 };
	size_t i, images = 0;
	int r;

	if (!json_is_array(list))
		return error_set(e, -EINVAL, "an index has no \"manifests\" list");
	for (i = 0; i < json_array_size(list); i++)
		images += is_image(json_array_get(list, i));
	for (i = 0; i < json_array_size(list); i++) {
		json_t *d = json_array_get(list, i);

		if (!is_image(d))
			continue;
		r = entry_fits(c, d, images, e);
		if (r == 0)
			r = descriptor_parse(d, &ref, "index", e);
		if (r == NO_MATCH)
			continue;
		if (r < 0)
			return r;
		if (media_is_manifest(ref.media_type)) {
			*out = ref;
			return 0;
		}
		r = follow(c, &ref, depth + 1, out, e);
		blob_ref_free(&ref);
		if (r != NO_MATCH)
			return r;
	}
	return NO_MATCH;
}

int index_choose(const struct image *img, json_t *index, const struct platform *want,
		 struct blob_ref *out, struct error_record *e)
{
	struct choice c = { .img = img, .want = want };
	char text[80];
	int r = choose_in(&c, index, 0, out, e);

	if (r != NO_MATCH)
		return r;
	platform_format(want, text, sizeof(text));
	return error_set(e, -ENOENT, "image has no %s manifest (it has: %s)", text,
			 c.seen[0] ? c.seen : "no image manifest");
}
