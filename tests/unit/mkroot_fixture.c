/* Test images for rosetta-mkroot's reader; see mkroot_fixture.h. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/fs.h"
#include "lib/hex.h"
#include "tests/unit/mkroot_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include <cmocka.h>

void fx_digest(const void *data, size_t len, struct fx_desc *d)
{
	unsigned char sum[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(sum), sum);
	hex_encode(sum, sizeof(sum), d->hex);
	snprintf(d->digest, sizeof(d->digest), "sha256:%s", d->hex);
	d->size = len;
}

void fx_blob(struct scratch *s, const char *layout, const char *data, struct fx_desc *d)
{
	char rel[512];

	fx_digest(data, strlen(data), d);
	snprintf(rel, sizeof(rel), "%s/blobs/sha256", layout);
	assert_int_equal(make_dirs(scratch_path(s, rel), 0755), 0);
	snprintf(rel, sizeof(rel), "%s/blobs/sha256/%s", layout, d->hex);
	assert_int_equal(scratch_put(s, rel, data, 0644), 0);
}

void fx_config(struct scratch *s, const char *layout, const char *arch, const struct fx_desc *layer,
	       struct fx_desc *c)
{
	char text[1024];

	snprintf(
	    text, sizeof(text),
	    "{\"architecture\":\"%s\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/bin/sh\"],"
	    "\"Cmd\":[\"-c\",\"true\"],\"Env\":[\"PATH=/bin\"],\"WorkingDir\":\"/w\","
	    "\"User\":\"1000:1000\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"%s\"]}}",
	    arch, layer->digest);
	fx_blob(s, layout, text, c);
}

void fx_manifest_of(struct scratch *s, const char *layout, const char *manifest_fmt,
		    const struct fx_desc *config, const struct fx_desc *layer, struct fx_desc *m)
{
	char text[2048];

	snprintf(text, sizeof(text), manifest_fmt, config->digest, config->size, layer->digest,
		 layer->size);
	fx_blob(s, layout, text, m);
}

void fx_image(struct scratch *s, const char *layout, const char *arch, const char *layer_type,
	      struct fx_desc *m)
{
	char data[64], fmt[512];
	struct fx_desc layer, config;

	snprintf(data, sizeof(data), "layer of %s", arch);
	fx_blob(s, layout, data, &layer);
	fx_config(s, layout, arch, &layer, &config);
	snprintf(fmt, sizeof(fmt),
		 "{\"schemaVersion\":2,\"mediaType\":\"" FX_MANIFEST "\","
		 "\"config\":{\"mediaType\":\"" FX_CONFIG "\",\"digest\":\"%%s\",\"size\":%%zu},"
		 "\"layers\":[{\"mediaType\":\"%s\",\"digest\":\"%%s\",\"size\":%%zu}]}",
		 layer_type);
	fx_manifest_of(s, layout, fmt, &config, &layer, m);
}

char *fx_entry(char *buf, size_t size, const char *mt, const struct fx_desc *d, const char *extra)
{
	snprintf(buf, size, "{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":%zu%s}", mt,
		 d->digest, d->size, extra);
	return buf;
}

void fx_layout(struct scratch *s, const char *layout, const char *manifests_json)
{
	char rel[512], text[8192];

	assert_int_equal(make_dirs(scratch_path(s, layout), 0755), 0);
	snprintf(rel, sizeof(rel), "%s/oci-layout", layout);
	assert_int_equal(scratch_put(s, rel, "{\"imageLayoutVersion\":\"1.0.0\"}", 0644), 0);
	snprintf(rel, sizeof(rel), "%s/index.json", layout);
	snprintf(text, sizeof(text), "{\"schemaVersion\":2,\"manifests\":[%s]}", manifests_json);
	assert_int_equal(scratch_put(s, rel, text, 0644), 0);
}

void fx_single(struct scratch *s, const char *layout, const char *arch, const char *entry_extra,
	       struct fx_desc *m)
{
	char entry[512];

	fx_image(s, layout, arch, FX_TAR, m);
	fx_layout(s, layout, fx_entry(entry, sizeof(entry), FX_MANIFEST, m, entry_extra));
}

static void add_file(struct archive *a, const char *dir, const char name[512])
{
	struct archive_entry *ent = archive_entry_new();
	char path[PATH_MAX], buf[65536];
	struct stat st;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%.3000s/%.500s", dir, name);
	assert_int_equal(lstat(path, &st), 0);
	archive_entry_set_pathname(ent, name);
	archive_entry_set_filetype(ent, S_ISDIR(st.st_mode) ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(ent, 0644);
	archive_entry_set_size(ent, S_ISDIR(st.st_mode) ? 0 : st.st_size);
	assert_int_equal(archive_write_header(a, ent), ARCHIVE_OK);
	archive_entry_free(ent);
	if (S_ISDIR(st.st_mode))
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		assert_int_equal(archive_write_data(a, buf, (size_t)n), n);
	close(fd);
}

static void add_tree(struct archive *a, const char *dir, const char *prefix)
{
	char path[PATH_MAX], name[512];
	struct dirent *de;
	struct stat st;
	DIR *d;

	snprintf(path, sizeof(path), "%.3000s/%.500s", dir, prefix);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "%.200s%s%.255s", prefix, *prefix ? "/" : "",
			 de->d_name);
		add_file(a, dir, name);
		snprintf(path, sizeof(path), "%.3000s/%.500s", dir, name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(a, dir, name);
	}
	closedir(d);
}

static struct archive *tar_new(const char *path, bool gzip)
{
	struct archive *a = archive_write_new();

	assert_non_null(a);
	archive_write_set_format_pax_restricted(a);
	if (gzip)
		archive_write_add_filter_gzip(a);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	return a;
}

void fx_tar_dir(const char *dir, const char *path, bool gzip)
{
	struct archive *a = tar_new(path, gzip);

	add_tree(a, dir, "");
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

void fx_tar_member(const char *path, const char *name, unsigned type, const char *data)
{
	struct archive *a = tar_new(path, false);
	struct archive_entry *ent = archive_entry_new();

	archive_entry_set_pathname(ent, name);
	archive_entry_set_filetype(ent, type);
	archive_entry_set_perm(ent, 0644);
	if (type == AE_IFLNK)
		archive_entry_set_symlink(ent, data);
	archive_entry_set_size(ent, type == AE_IFREG ? (la_int64_t)strlen(data) : 0);
	assert_int_equal(archive_write_header(a, ent), ARCHIVE_OK);
	if (type == AE_IFREG)
		assert_int_equal(archive_write_data(a, data, strlen(data)),
				 (la_ssize_t)strlen(data));
	archive_entry_free(ent);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}
