/* The image reader on tars: an oci-archive (plain and gzip-compressed), a docker save of
 * before Docker 25 (manifest.json, the config named by its hex, layer tars checked against
 * the config's diff_ids) and of Docker 25 (an OCI layout inside, preferred), members that
 * are not a layout's refused by name, and the temp directory removed by image_close. */
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/fs.h"
#include "tools/rosetta-mkroot/image.h"
#include "tools/rosetta-mkroot/reader.h"
#include "tests/unit/mkroot_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define LAYER_DIR "1111111111111111111111111111111111111111111111111111111111111111"

static void oci_archive(struct scratch *s, bool gzip)
{
	struct error_record e;
	struct image img;
	struct fx_desc m;
	char entry[512], tmpdir[PATH_MAX];
	struct stat st;

	fx_image(s, "l", "amd64", FX_TAR, &m);
	fx_layout(s, "l",
		  fx_entry(entry, sizeof(entry), FX_MANIFEST, &m,
			   ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}"));
	fx_tar_dir(scratch_path(s, "l"), scratch_path(s, "img.tar"), gzip);
	assert_int_equal(image_open(scratch_path(s, "img.tar:v1"), NULL, s->dir, &img, &e), 0);
	assert_string_equal(img.manifest.digest, m.digest);
	assert_true(strncmp(img.tmpdir, s->dir, strlen(s->dir)) == 0);
	snprintf(tmpdir, sizeof(tmpdir), "%s", img.tmpdir);
	assert_int_equal(stat(tmpdir, &st), 0);
	image_close(&img);
	assert_int_equal(stat(tmpdir, &st), -1);
	assert_int_equal(errno, ENOENT);
}

static void oci_archive_plain(void **state)
{
	oci_archive(*state, false);
}

static void oci_archive_gzip(void **state)
{
	oci_archive(*state, true);
}

/* A tar of one member opened as an image; returns image_open's result, the message in e. */
static int member_open(struct scratch *s, const char *name, unsigned type, const char *data,
		       struct error_record *e)
{
	struct image img;
	int r;

	fx_tar_member(scratch_path(s, "one.tar"), name, type, data);
	r = image_open(scratch_path(s, "one.tar"), NULL, s->dir, &img, e);
	if (r == 0)
		image_close(&img);
	return r;
}

static void hostile_members(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;

	assert_int_equal(member_open(s, "../evil", AE_IFREG, "x", &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "tar member ../evil: a name with \"..\"");
	assert_int_equal(member_open(s, "/etc/passwd", AE_IFREG, "x", &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "tar member /etc/passwd: an absolute name");
	assert_int_equal(member_open(s, "blobs/sha256/../../x", AE_IFREG, "x", &e), -EINVAL);
	assert_int_equal(member_open(s, "index.json", AE_IFLNK, "/etc/passwd", &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "tar member index.json: a link to /etc/passwd, which "
					   "is not a file of the image layout");
	assert_int_equal(member_open(s, "evil", AE_IFLNK, "index.json", &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "tar member evil is not a regular file or a directory");
	assert_int_equal(member_open(s, "blobs/sha256/x", AE_IFREG, "x", &e), -EINVAL);
	assert_string_equal(e.msg[0].text,
			    "tar member blobs/sha256/x is not a file of an image layout");
	assert_int_equal(member_open(s, "bin/sh", AE_IFREG, "x", &e), -EINVAL);
	assert_int_equal(member_open(s, "index.json", AE_IFCHR, "", &e), -EINVAL);
	/* A layout's name passes the unpacker; what is missing is then named. */
	assert_int_equal(member_open(s, "./oci-layout", AE_IFREG, "{}", &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "neither an OCI image layout"));
	assert_int_equal(scratch_put(s, "not.tar", "just text, not a tar at all", 0644), 0);
	assert_int_equal(image_open(scratch_path(s, "not.tar"), NULL, s->dir, &img, &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "not a tar archive"));
}

static void layout_names(void **state)
{
	(void)state;
	assert_true(unpack_name_ok("blobs", true));
	assert_true(unpack_name_ok("blobs/sha256", true));
	assert_true(unpack_name_ok("blobs/sha256/" LAYER_DIR, false));
	assert_false(unpack_name_ok("blobs/sha256/" LAYER_DIR, true));
	assert_true(unpack_name_ok(LAYER_DIR, true));
	assert_true(unpack_name_ok(LAYER_DIR "/layer.tar", false));
	assert_true(unpack_name_ok(LAYER_DIR "/json", false));
	assert_true(unpack_name_ok(LAYER_DIR "/VERSION", false));
	assert_true(unpack_name_ok(LAYER_DIR ".json", false));
	assert_true(unpack_name_ok("repositories", false));
	assert_false(unpack_name_ok(LAYER_DIR "/other", false));
	assert_false(unpack_name_ok("blobs/md5/00", false));
	assert_false(unpack_name_ok("index.json/x", false));
}

/* A docker save of before Docker 25 in dir "d": *config its config. */
static void docker_legacy(struct scratch *s, const char *arch, struct fx_desc *config)
{
	struct fx_desc layer;
	char text[1024], rel[256];

	assert_int_equal(make_dirs(scratch_path(s, "d/" LAYER_DIR), 0755), 0);
	assert_int_equal(scratch_put(s, "d/" LAYER_DIR "/layer.tar", "layer bytes", 0644), 0);
	assert_int_equal(scratch_put(s, "d/" LAYER_DIR "/VERSION", "1.0", 0644), 0);
	assert_int_equal(scratch_put(s, "d/" LAYER_DIR "/json", "{}", 0644), 0);
	fx_digest("layer bytes", strlen("layer bytes"), &layer);
	snprintf(text, sizeof(text),
		 "{\"architecture\":\"%s\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"]},"
		 "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"%s\"]}}",
		 arch, layer.digest);
	fx_digest(text, strlen(text), config);
	snprintf(rel, sizeof(rel), "d/%s.json", config->hex);
	assert_int_equal(scratch_put(s, rel, text, 0644), 0);
	snprintf(text, sizeof(text),
		 "[{\"Config\":\"%s.json\",\"RepoTags\":[\"example/app:1.0\"],"
		 "\"Layers\":[\"" LAYER_DIR "/layer.tar\"]}]",
		 config->hex);
	assert_int_equal(scratch_put(s, "d/manifest.json", text, 0644), 0);
	assert_int_equal(scratch_put(s, "d/repositories", "{}", 0644), 0);
	fx_tar_dir(scratch_path(s, "d"), scratch_path(s, "docker.tar"), false);
}

static void docker_before_25(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct fx_desc config;
	struct image img;

	docker_legacy(s, "amd64", &config);
	assert_int_equal(image_open(scratch_path(s, "docker.tar"), NULL, s->dir, &img, &e), 0);
	assert_string_equal(img.manifest.digest, config.digest); /* the image ID is the key */
	assert_string_equal(img.config.digest, config.digest);
	assert_int_equal(img.nlayers, 1);
	assert_string_equal(img.layers[0].path, LAYER_DIR "/layer.tar");
	assert_int_equal(image_layer_compression(img.layers[0].media_type), LAYER_TAR);
	assert_int_equal(img.cfg.entry_count, 1);
	image_close(&img);
	assert_int_equal(image_open(scratch_path(s, "docker.tar:1.0"), NULL, s->dir, &img, &e), 0);
	image_close(&img);
	assert_int_equal(image_open(scratch_path(s, "docker.tar:2.0"), NULL, s->dir, &img, &e),
			 -ENOENT);
	assert_string_equal(e.msg[0].text, "no image tagged 2.0 (tags: example/app:1.0)");
	/* A layer that is not the config's diff_id. */
	assert_int_equal(scratch_put(s, "d/" LAYER_DIR "/layer.tar", "layer BYTES", 0644), 0);
	fx_tar_dir(scratch_path(s, "d"), scratch_path(s, "docker.tar"), false);
	assert_int_equal(image_open(scratch_path(s, "docker.tar"), NULL, s->dir, &img, &e), 0);
	assert_int_equal(image_blob_open(&img, &img.layers[0], &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "digest differs"));
	image_close(&img);
}

static void docker_legacy_arm64(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct fx_desc config;
	struct image img;

	docker_legacy(s, "arm64", &config);
	assert_int_equal(image_open(scratch_path(s, "docker.tar"), NULL, s->dir, &img, &e),
			 -ENOENT);
	assert_string_equal(e.msg[0].text,
			    "image has no linux/amd64 manifest (it has: linux/arm64)");
}

static void docker_25(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;
	struct fx_desc m;

	fx_single(s, "l", "amd64", "", &m);
	/* Docker 25 writes both; a manifest.json the reader would refuse shows which it used. */
	assert_int_equal(scratch_put(s, "l/manifest.json", "[]", 0644), 0);
	assert_int_equal(scratch_put(s, "l/repositories", "{}", 0644), 0);
	fx_tar_dir(scratch_path(s, "l"), scratch_path(s, "d25.tar"), false);
	assert_int_equal(image_open(scratch_path(s, "d25.tar"), NULL, s->dir, &img, &e), 0);
	assert_string_equal(img.manifest.digest, m.digest);
	image_close(&img);
	assert_int_equal(unlink(scratch_path(s, "l/index.json")), 0);
	assert_int_equal(image_open(scratch_path(s, "l"), NULL, s->dir, &img, &e), -EINVAL);
	assert_string_equal(e.msg[0].text,
			    "manifest.json holds 0 images; name one as IMAGE:TAG (tags: )");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(oci_archive_plain, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(oci_archive_gzip, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(hostile_members, scratch_setup, scratch_teardown),
		cmocka_unit_test(layout_names),
		cmocka_unit_test_setup_teardown(docker_before_25, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(docker_legacy_arm64, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(docker_25, scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
