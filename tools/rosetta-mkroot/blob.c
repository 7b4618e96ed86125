/* Blobs: digest syntax, descriptors, and the check of a blob's size and SHA-256
 * against its descriptor before anything reads it. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/hex.h"
#include "lib/io.h"
#include "lib/whole_file.h"
#include "reader.h"

#define SHA256_PREFIX "sha256:"
#define HEX_LEN	      ((size_t)2 * SHA256_DIGEST_SIZE)

int digest_check(const char *digest, const char *what, struct error_record *e)
{
	const char *colon = strchr(digest, ':');
	size_t i;

	if (!colon || colon == digest)
		return error_set(e, -EINVAL, "%s: \"%.80s\" is not a digest (ALGORITHM:HEX)", what,
				 digest);
	if (strncmp(digest, SHA256_PREFIX, strlen(SHA256_PREFIX)) != 0)
		return error_set(e, -EINVAL, "%s: digest %.80s uses %.*s; only sha256 is supported",
				 what, digest, (int)(colon - digest < 32 ? colon - digest : 32),
				 digest);
	for (i = 0; colon[1 + i]; i++)
		if (!strchr("0123456789abcdef", colon[1 + i]))
			break;
	if (i != HEX_LEN || colon[1 + i])
		return error_set(e, -EINVAL, "%s: digest %.80s is not sha256: and 64 lowercase hex",
				 what, digest);
	return 0;
}

int blob_ref_set_digest(struct blob_ref *ref, const char *digest, const char *what,
			struct error_record *e)
{
	int r = digest_check(digest, what, e);

	if (r < 0)
		return r;
	snprintf(ref->digest, sizeof(ref->digest), "%s", digest);
	snprintf(ref->path, sizeof(ref->path), "blobs/sha256/%s", digest + strlen(SHA256_PREFIX));
	return 0;
}

int descriptor_parse(json_t *d, struct blob_ref *ref, const char *what, struct error_record *e)
{
	json_t *size = json_object_get(d, "size");
	const char *mt = json_str(d, "mediaType"), *digest = json_str(d, "digest");
	int r;

	if (!json_is_object(d))
		return error_set(e, -EINVAL, "%s: a descriptor is not an object", what);
	if (!mt || !digest)
		return error_set(e, -EINVAL, "%s: a descriptor has no %s", what,
				 mt ? "digest" : "mediaType");
	if (!json_is_integer(size) || json_integer_value(size) < 0)
		return error_set(e, -EINVAL, "%s: descriptor %.80s has no size (a whole number)",
				 what, digest);
	r = blob_ref_set_digest(ref, digest, what, e);
	if (r < 0)
		return r;
	ref->size = (uint64_t)json_integer_value(size);
	ref->media_type = strdup(mt);
	return ref->media_type ? 0 : error_system(e, -ENOMEM, "%s: %m", what);
}

int blob_ref_copy(struct blob_ref *to, const struct blob_ref *from, struct error_record *e)
{
	*to = *from;
	to->media_type = from->media_type ? strdup(from->media_type) : NULL;
	if (from->media_type && !to->media_type)
		return error_system(e, -ENOMEM, "blob %s: %m", from->digest);
	return 0;
}

void blob_ref_free(struct blob_ref *ref)
{
	free(ref->media_type);
	ref->media_type = NULL;
}

/* Hash the whole file; *len is how many bytes it had. */
static int hash_fd(int fd, char hex[BLOB_DIGEST_MAX], uint64_t *len)
{
	unsigned char buf[65536], sum[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	*len = 0;
	for (;;) {
		ssize_t n = read_full(fd, buf, sizeof(buf));

		if (n < 0)
			return (int)n;
		if (n == 0)
			break;
		sha256_update(&ctx, (size_t)n, buf);
		*len += (uint64_t)n;
	}
	sha256_digest(&ctx, sizeof(sum), sum);
	snprintf(hex, BLOB_DIGEST_MAX, "%s", SHA256_PREFIX);
	hex_encode(sum, sizeof(sum), hex + strlen(SHA256_PREFIX));
	return 0;
}

static int blob_verify(int fd, const struct blob_ref *ref, struct error_record *e)
{
	char got[BLOB_DIGEST_MAX];
	uint64_t len;
	int r = hash_fd(fd, got, &len);

	if (r < 0)
		return error_system(e, r, "blob %s: cannot read it: %m", ref->digest);
	if (len != ref->size)
		return error_set(e, -EINVAL,
				 "blob %s: size %" PRIu64 " differs from its descriptor's %" PRIu64,
				 ref->digest, len, ref->size);
	if (strcmp(got, ref->digest) != 0)
		return error_set(e, -EINVAL, "blob %s: digest differs (got %s)", ref->digest, got);
	return 0;
}

int image_blob_open(const struct image *img, const struct blob_ref *ref, struct error_record *e)
{
	struct stat st;
	int fd, r = digest_check(ref->digest, "blob", e);

	if (r < 0)
		return r;
	fd = openat(img->layout_fd, ref->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		r = -errno;
		if (r == -ENOENT)
			return error_set(e, r, "blob %s: %s is missing", ref->digest, ref->path);
		return error_system(e, r, "blob %s: cannot open %s: %m", ref->digest, ref->path);
	}
	if (fstat(fd, &st) < 0)
		r = error_system(e, -errno, "blob %s: %m", ref->digest);
	else if (!S_ISREG(st.st_mode))
		r = error_set(e, -EINVAL, "blob %s: %s is not a regular file", ref->digest,
			      ref->path);
	else
		r = blob_verify(fd, ref, e);
	if (r == 0 && lseek(fd, 0, SEEK_SET) < 0)
		r = error_system(e, -errno, "blob %s: %m", ref->digest);
	if (r < 0) {
		close(fd);
		return r;
	}
	return fd;
}

int blob_read_json(const struct image *img, const struct blob_ref *ref, json_t **out,
		   struct error_record *e)
{
	char *text = NULL;
	size_t len = 0;
	int fd, r;

	*out = NULL;
	if (ref->size > IMAGE_JSON_MAX)
		return error_set(e, -EINVAL,
				 "blob %s: %" PRIu64
				 " bytes, more than a JSON document may have (%u)",
				 ref->digest, ref->size, IMAGE_JSON_MAX);
	fd = image_blob_open(img, ref, e);
	if (fd < 0)
		return fd;
	r = read_whole_fd(fd, IMAGE_JSON_MAX, &text, &len);
	close(fd);
	if (r < 0)
		return error_system(e, r, "blob %s: %m", ref->digest);
	r = json_text_parse(text, len, ref->digest, JSON_OBJECT, out, e);
	free(text);
	return r;
}
