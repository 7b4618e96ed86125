/* The image's small JSON documents (oci-layout, index.json, manifest.json, and
 * blobs read whole), bounded so that a huge or endless file cannot fill memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/whole_file.h"
#include "reader.h"

const char *json_str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int json_text_parse(const char *text, size_t len, const char *what, json_type type, json_t **out,
		    struct error_record *e)
{
	json_error_t je;

	/* Duplicate keys would let two readers of one manifest see two images. */
	*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!*out)
		return error_set(e, -EINVAL, "%s: not JSON: line %d: %s", what, je.line, je.text);
	if (json_typeof(*out) != type) {
		json_decref(*out);
		*out = NULL;
		return error_set(e, -EINVAL, "%s: not a JSON %s", what,
				 type == JSON_ARRAY ? "array" : "object");
	}
	return 0;
}

int json_file_read(int dirfd, const char *name, json_type type, json_t **out,
		   struct error_record *e)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK), r;
	char *text = NULL;
	size_t len = 0;

	*out = NULL;
	if (fd < 0) {
		r = -errno;
		return r == -ENOENT ? error_set(e, r, "%s is missing", name)
				    : error_system(e, r, "cannot open %s: %m", name);
	}
	r = read_whole_fd(fd, IMAGE_JSON_MAX, &text, &len);
	close(fd);
	if (r == -EFBIG)
		return error_set(e, -EINVAL, "%s: larger than %u bytes", name, IMAGE_JSON_MAX);
	if (r < 0)
		return error_system(e, r, "cannot read %s: %m", name);
	r = json_text_parse(text, len, name, type, out, e);
	free(text);
	return r;
}
