/* Every blob checked before use: a size or a digest that differs from the descriptor's, a
 * truncated blob, a digest of another algorithm or of bad syntax are refused by name. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tools/rosetta-mkroot/image.h"
#include "tools/rosetta-mkroot/reader.h"
#include "tests/unit/mkroot_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static void blob_opens_at_zero(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;
	struct fx_desc m;
	char buf[32] = "";
	int fd;

	fx_single(s, "l", "amd64", "", &m);
	assert_int_equal(image_open(scratch_path(s, "l"), NULL, NULL, &img, &e), 0);
	fd = image_blob_open(&img, &img.layers[0], &e);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof(buf) - 1), strlen("layer of amd64"));
	assert_string_equal(buf, "layer of amd64");
	close(fd);
	image_close(&img);
}

static void size_and_digest_differ(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;
	struct fx_desc m;
	struct blob_ref ref;
	char rel[256], want[512];

	fx_single(s, "l", "amd64", "", &m);
	assert_int_equal(image_open(scratch_path(s, "l"), NULL, NULL, &img, &e), 0);
	ref = img.layers[0];
	snprintf(rel, sizeof(rel), "l/%s", ref.path);
	/* Same size, other bytes. */
	assert_int_equal(scratch_put(s, rel, "layer of AMD64", 0644), 0);
	error_init(&e);
	assert_int_equal(image_blob_open(&img, &ref, &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, ": digest differs (got sha256:"));
	/* Truncated. */
	assert_int_equal(scratch_put(s, rel, "layer of", 0644), 0);
	error_init(&e);
	assert_int_equal(image_blob_open(&img, &ref, &e), -EINVAL);
	snprintf(want, sizeof(want), "blob %s: size 8 differs from its descriptor's 14",
		 ref.digest);
	assert_string_equal(e.msg[0].text, want);
	/* Missing. */
	assert_int_equal(unlink(scratch_path(s, rel)), 0);
	error_init(&e);
	assert_int_equal(image_blob_open(&img, &ref, &e), -ENOENT);
	image_close(&img);
	/* The manifest itself is checked against index.json's descriptor. */
	snprintf(rel, sizeof(rel), "l/blobs/sha256/%s", m.hex);
	assert_int_equal(scratch_put(s, rel, "{}", 0644), 0);
	assert_int_equal(image_open(scratch_path(s, "l"), NULL, NULL, &img, &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "size 2 differs from its descriptor's"));
}

static void descriptor_size_lies(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;
	struct fx_desc m;
	char entry[512], want[512];

	fx_image(s, "l", "amd64", FX_TAR, &m);
	m.size += 1;
	fx_layout(s, "l", fx_entry(entry, sizeof(entry), FX_MANIFEST, &m, ""));
	assert_int_equal(image_open(scratch_path(s, "l"), NULL, NULL, &img, &e), -EINVAL);
	snprintf(want, sizeof(want), "blob %s: size %zu differs from its descriptor's %zu",
		 m.digest, m.size - 1, m.size);
	assert_string_equal(e.msg[0].text, want);
}

static void digest_syntax(void **state)
{
	struct error_record e;

	(void)state;
	error_init(&e);
	assert_int_equal(
	    digest_check("sha256:"
			 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			 "t", &e),
	    0);
	assert_int_equal(
	    digest_check("sha256:"
			 "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
			 "t", &e),
	    -EINVAL);
	assert_int_equal(digest_check("sha256:0123", "t", &e), -EINVAL);
	assert_int_equal(
	    digest_check("sha256:"
			 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
			 "t", &e),
	    -EINVAL);
	assert_int_equal(digest_check("0123456789abcdef", "t", &e), -EINVAL);
	assert_int_equal(digest_check("../../etc/passwd", "t", &e), -EINVAL);
	error_init(&e);
	assert_int_equal(digest_check("sha512:00", "t", &e), -EINVAL);
	assert_string_equal(e.msg[0].text,
			    "t: digest sha512:00 uses sha512; only sha256 is supported");
}

static void bad_digest_in_index(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	struct image img;
	struct fx_desc m;
	char entry[512];

	fx_single(s, "l", "amd64", "", &m);
	snprintf(m.digest, sizeof(m.digest), "sha256:../../../../etc/passwd");
	fx_layout(s, "l", fx_entry(entry, sizeof(entry), FX_MANIFEST, &m, ""));
	assert_int_equal(image_open(scratch_path(s, "l"), NULL, NULL, &img, &e), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "is not sha256: and 64 lowercase hex"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(blob_opens_at_zero, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(size_and_digest_differ, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(descriptor_size_lies, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(digest_syntax),
		cmocka_unit_test_setup_teardown(bad_digest_in_index, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
