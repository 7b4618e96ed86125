/* The image reader on OCI layout directories: the manifest a tag and a platform choose
 * (nested indexes followed, attestations and artifacts ignored), the platform checked
 * against the config whatever the index says, and the media types it accepts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tools/rosetta-mkroot/image.h"
#include "tests/unit/mkroot_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define AMD64	    ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}"
#define ARM64	    ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}"
#define TAGGED(tag) ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" tag "\"}"

static int open_layout(struct scratch *s, const char *rel, const char *platform, struct image *img,
		       struct error_record *e)
{
	return image_open(scratch_path(s, rel), platform, s->dir, img, e);
}

static void one_manifest_opens(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct fx_desc m;
	struct image img;

	fx_single(s, "l", "amd64", "", &m);
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), 0);
	assert_string_equal(img.manifest.digest, m.digest);
	assert_int_equal(img.nlayers, 1);
	assert_string_equal(img.layers[0].media_type, FX_TAR);
	assert_string_equal(img.platform, "linux/amd64");
	assert_string_equal(img.tmpdir, "");
	assert_int_equal(img.cfg.entry_count, 3);
	assert_string_equal(img.cfg.entry[0], "/bin/sh");
	assert_string_equal(img.cfg.entry[2], "true");
	assert_string_equal(img.cfg.user, "1000:1000");
	image_close(&img);
	image_close(&img); /* twice is safe */
}

static void tags_choose(void **state)
{
	struct scratch *s = *state;
	struct fx_desc a, b;
	struct error_record e;
	struct image img;
	char list[1024], e1[512], e2[512];
	char arg[PATH_MAX];

	fx_image(s, "l", "amd64", FX_TAR, &a);
	fx_image(s, "l", "amd64", FX_GZIP, &b);
	snprintf(list, sizeof(list), "%s,%s",
		 fx_entry(e1, sizeof(e1), FX_MANIFEST, &a, TAGGED("one")),
		 fx_entry(e2, sizeof(e2), FX_MANIFEST, &b, TAGGED("two")));
	fx_layout(s, "l", list);
	snprintf(arg, sizeof(arg), "%s:two", scratch_path(s, "l"));
	assert_int_equal(image_open(arg, NULL, s->dir, &img, &e), 0);
	assert_string_equal(img.manifest.digest, b.digest);
	image_close(&img);

	snprintf(arg, sizeof(arg), "%s:three", scratch_path(s, "l"));
	assert_int_equal(image_open(arg, NULL, s->dir, &img, &e), -ENOENT);
	assert_string_equal(e.msg[0].text, "no image tagged three (tags: one, two)");
	assert_int_equal(img.layout_fd, -1);

	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "name one as IMAGE:TAG (tags: one, two)"));
}

static void nested_index_and_platform(void **state)
{
	struct scratch *s = *state;
	struct fx_desc amd, arm, idx;
	struct error_record e;
	struct image img;
	char list[2048], e1[512], e2[512], e3[512], att[256];

	fx_image(s, "l", "arm64", FX_TAR, &arm);
	fx_image(s, "l", "amd64", FX_TAR, &amd);
	/* An attestation for platform unknown/unknown and an artifact come first: ignored. */
	snprintf(att, sizeof(att),
		 ",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"},\"annotations\":"
		 "{\"vnd.docker.reference.type\":\"attestation-manifest\"}");
	snprintf(list, sizeof(list),
		 "{\"schemaVersion\":2,\"mediaType\":\"" FX_INDEX "\",\"manifests\":[%s,%s,%s,"
		 "{\"mediaType\":\"application/vnd.example.sbom\",\"digest\":\"%s\",\"size\":1}]}",
		 fx_entry(e1, sizeof(e1), FX_MANIFEST, &arm, att),
		 fx_entry(e2, sizeof(e2), FX_MANIFEST, &arm, ARM64),
		 fx_entry(e3, sizeof(e3), FX_MANIFEST, &amd, AMD64), arm.digest);
	fx_blob(s, "l", list, &idx);
	fx_layout(s, "l", fx_entry(e1, sizeof(e1), FX_INDEX, &idx, TAGGED("latest")));
	assert_int_equal(open_layout(s, "l", "linux/amd64", &img, &e), 0);
	assert_string_equal(img.manifest.digest, amd.digest);
	image_close(&img);
	assert_int_equal(open_layout(s, "l", "linux/arm64", &img, &e), 0);
	assert_string_equal(img.manifest.digest, arm.digest);
	assert_string_equal(img.platform, "linux/arm64");
	image_close(&img);
	assert_int_equal(open_layout(s, "l", "linux/amd64/v3", &img, &e), -ENOENT);
	assert_string_equal(
	    e.msg[0].text,
	    "image has no linux/amd64/v3 manifest (it has: linux/arm64, linux/amd64)");
}

static void arm64_only_fails(void **state)
{
	struct scratch *s = *state;
	struct fx_desc arm;
	struct error_record e;
	struct image img;
	char entry[512];

	fx_single(s, "l", "arm64", ARM64, &arm);
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -ENOENT);
	assert_string_equal(e.msg[0].text,
			    "image has no linux/amd64 manifest (it has: linux/arm64)");
	/* Without a platform in the index, the config says it. */
	fx_layout(s, "l", fx_entry(entry, sizeof(entry), FX_MANIFEST, &arm, ""));
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -ENOENT);
	assert_string_equal(e.msg[0].text,
			    "image has no linux/amd64 manifest (it has: linux/arm64)");
	/* Nor is an index that lies about the platform believed. */
	fx_layout(s, "l", fx_entry(entry, sizeof(entry), FX_MANIFEST, &arm, AMD64));
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -ENOENT);
	assert_string_equal(e.msg[0].text,
			    "image has no linux/amd64 manifest (it has: linux/arm64)");
}

static void platformless_among_several_is_not_taken(void **state)
{
	struct scratch *s = *state;
	struct fx_desc a, b;
	struct error_record e;
	struct image img;
	char list[1024], e1[512], e2[512];

	fx_image(s, "l", "amd64", FX_TAR, &a);
	fx_image(s, "l", "arm64", FX_TAR, &b);
	snprintf(list, sizeof(list), "%s,%s", fx_entry(e1, sizeof(e1), FX_MANIFEST, &a, ""),
		 fx_entry(e2, sizeof(e2), FX_MANIFEST, &b, ARM64));
	fx_layout(s, "l", list);
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -ENOENT);
	assert_string_equal(e.msg[0].text,
			    "image has no linux/amd64 manifest (it has: linux/arm64)");
}

/* A manifest of one layer of media type mt, opened; returns image_open's result. */
static int layer_type_open(struct scratch *s, const char *mt, const char *config_mt,
			   struct error_record *e)
{
	struct fx_desc layer, config, m;
	struct image img;
	char fmt[512], entry[512];
	int r;

	fx_blob(s, "l", "a layer", &layer);
	fx_config(s, "l", "amd64", &layer, &config);
	snprintf(fmt, sizeof(fmt),
		 "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"%s\",\"digest\":\"%%s\","
		 "\"size\":%%zu},"
		 "\"layers\":[{\"mediaType\":\"%s\",\"digest\":\"%%s\",\"size\":%%zu}]}",
		 config_mt, mt);
	fx_manifest_of(s, "l", fmt, &config, &layer, &m);
	fx_layout(s, "l",
		  fx_entry(entry, sizeof(entry),
			   "application/vnd.docker.distribution.manifest.v2+json", &m, ""));
	r = open_layout(s, "l", NULL, &img, e);
	if (r == 0)
		image_close(&img);
	return r;
}

static void layer_media_types(void **state)
{
	static const char *const ok[] = {
		"application/vnd.oci.image.layer.v1.tar",
		"application/vnd.oci.image.layer.v1.tar+gzip",
		"application/vnd.oci.image.layer.v1.tar+zstd",
		"application/vnd.oci.image.layer.nondistributable.v1.tar",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
		"application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
		"application/vnd.docker.image.rootfs.diff.tar.gzip",
		"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
	};
	struct scratch *s = *state;
	struct error_record e;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(layer_type_open(s, ok[i], FX_CONFIG, &e), 0);
	assert_int_equal(layer_type_open(s, "application/vnd.docker.image.rootfs.diff.tar.gzip",
					 "application/vnd.docker.container.image.v1+json", &e),
			 0);
	assert_int_equal(
	    layer_type_open(s, "application/vnd.oci.image.layer.v1.tar+bzip2", FX_CONFIG, &e),
	    -EINVAL);
	assert_non_null(strstr(
	    e.msg[0].text, "media type application/vnd.oci.image.layer.v1.tar+bzip2, not a layer"));
	assert_int_equal(layer_type_open(s, FX_TAR, "application/vnd.example.artifact", &e),
			 -EINVAL);
	assert_non_null(
	    strstr(e.msg[0].text, "config media type application/vnd.example.artifact"));
	assert_int_equal(image_layer_compression("application/vnd.oci.image.layer.v1.tar+zstd"),
			 LAYER_ZSTD);
	assert_int_equal(
	    image_layer_compression("application/vnd.docker.image.rootfs.diff.tar.gzip"),
	    LAYER_GZIP);
	assert_int_equal(image_layer_compression(FX_TAR), LAYER_TAR);
	assert_int_equal(image_layer_compression("text/plain"), LAYER_UNKNOWN);
}

static void docker_manifest_list(void **state)
{
	struct scratch *s = *state;
	struct fx_desc amd, idx;
	struct error_record e;
	struct image img;
	char list[1024], e1[512];

	fx_image(s, "l", "amd64", FX_TAR, &amd);
	snprintf(
	    list, sizeof(list),
	    "{\"schemaVersion\":2,\"mediaType\":"
	    "\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":[%s]}",
	    fx_entry(e1, sizeof(e1), "application/vnd.docker.distribution.manifest.v2+json", &amd,
		     AMD64));
	fx_blob(s, "l", list, &idx);
	fx_layout(s, "l",
		  fx_entry(e1, sizeof(e1),
			   "application/vnd.docker.distribution.manifest.list.v2+json", &idx, ""));
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), 0);
	assert_string_equal(img.manifest.digest, amd.digest);
	image_close(&img);
}

static void layout_files_checked(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;
	struct fx_desc m;

	fx_single(s, "l", "amd64", "", &m);
	assert_int_equal(scratch_put(s, "l/oci-layout", "{\"imageLayoutVersion\":\"2.0.0\"}", 0644),
			 0);
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "oci-layout: imageLayoutVersion 2.0.0 is not 1.x");
	assert_int_equal(scratch_put(s, "l/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 0644),
			 0);
	assert_int_equal(scratch_put(s, "l/index.json", "{\"manifests\":[", 0644), 0);
	assert_int_equal(open_layout(s, "l", NULL, &img, &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "index.json: not JSON"));
	assert_int_equal(open_layout(s, "nothing", NULL, &img, &e), -ENOENT);
	assert_int_equal(open_layout(s, "l", "amd64", &img, &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "platform \"amd64\" is not OS/ARCH[/VARIANT]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_manifest_opens, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(tags_choose, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(nested_index_and_platform, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(arm64_only_fails, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(platformless_among_several_is_not_taken,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(layer_media_types, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(docker_manifest_list, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(layout_files_checked, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
