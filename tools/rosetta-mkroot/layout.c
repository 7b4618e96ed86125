/* An OCI image layout: oci-layout's version, then the image index.json names,
 * narrowed to the user's tag, then the manifest for the platform. */
#include <errno.h>
#include <string.h>

#include "reader.h"

#define REF_NAME "org.opencontainers.image.ref.name"

static int version_check(int fd, struct error_record *e)
{
	json_t *layout;
	const char *v;
	int r = json_file_read(fd, "oci-layout", JSON_OBJECT, &layout, e);

	if (r < 0)
		return r;
	v = json_str(layout, "imageLayoutVersion");
	if (!v || strncmp(v, "1.", 2) != 0)
		r = error_set(e, -EINVAL, "oci-layout: imageLayoutVersion %.40s is not 1.x",
			      v ? v : "(none)");
	json_decref(layout);
	return r;
}

static const char *ref_name(json_t *d)
{
	return json_str(json_object_get(d, "annotations"), REF_NAME);
}

/* index.json's entries for tag (all of them without one) into a new index. */
static int entries_for_tag(json_t *index, const char *tag, json_t **out, char *tags, size_t size,
			   struct error_record *e)
{
	json_t *list = json_object_get(index, "manifests"), *kept = json_array();
	size_t i;

	if (!kept || !(*out = json_pack("{s:o}", "manifests", kept)))
		return error_system(e, -ENOMEM, "index.json: %m");
	if (!json_is_array(list))
		return error_set(e, -EINVAL, "index.json: no \"manifests\" list");
	for (i = 0; i < json_array_size(list); i++) {
		json_t *d = json_array_get(list, i);
		const char *name = ref_name(d);

		if (name)
			name_list_add(tags, size, name);
		if (!tag || (name && tag_matches(name, tag)))
			json_array_append(kept, d);
	}
	return 0;
}

static int choose(struct image *img, json_t *index, const char *tag, const struct platform *want,
		  struct error_record *e)
{
	char tags[512] = "";
	json_t *kept = NULL;
	int r = entries_for_tag(index, tag, &kept, tags, sizeof(tags), e);

	if (r < 0) {
		json_decref(kept);
		return r;
	}
	if (tag && json_array_size(json_object_get(kept, "manifests")) == 0)
		r = error_set(e, -ENOENT, "no image tagged %.100s (tags: %s)", tag,
			      tags[0] ? tags : "none");
	else if (!tag && strchr(tags, ','))
		r = error_set(e, -EINVAL,
			      "the layout holds several images; name one as IMAGE:TAG (tags: %s)",
			      tags);
	else
		r = index_choose(img, kept, want, &img->manifest, e);
	json_decref(kept);
	return r;
}

int layout_read(struct image *img, const char *tag, const struct platform *want,
		struct error_record *e)
{
	json_t *index;
	int r = version_check(img->layout_fd, e);

	if (r == 0)
		r = json_file_read(img->layout_fd, "index.json", JSON_OBJECT, &index, e);
	if (r < 0)
		return r;
	r = choose(img, index, tag, want, e);
	json_decref(index);
	if (r == 0)
		r = manifest_read(img, e);
	if (r == 0)
		r = config_read(img, want, e);
	return r;
}
