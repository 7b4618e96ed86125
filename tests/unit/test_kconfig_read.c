/* kernel-config/read.c: one reader for plain and gzip files, bounded, and
 * the running kernel's file with the remedy named when it is missing. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "kernel-config/config.h"
#include "tests/unit/scratch.h"

#include <cmocka.h>

#define TEXT                                                                                       \
	"#\n# Linux/arm64 6.1.192 Kernel Configuration\n#\nCONFIG_ARM64=y\nCONFIG_FUSE_FS=m\n"     \
	"# CONFIG_MODULES is not set\n"

static struct scratch *s;
static struct error_record e;

static const char *path(const char *name)
{
	return scratch_path(s, name);
}

static void put(const char *name, const void *data, size_t len)
{
	assert_int_equal(scratch_write(s, name, data, len, 0644), 0);
}

/* name, gzip'd: len bytes of data, times copies. */
static void put_gzip(const char *name, const void *data, size_t len, size_t copies)
{
	gzFile gz = gzopen(path(name), "wb");

	assert_non_null(gz);
	for (size_t i = 0; i < copies; i++)
		assert_int_equal(gzwrite(gz, data, (unsigned int)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
}

static void *slurp(const char *name, size_t *len)
{
	static char buf[4096];
	FILE *f = fopen(path(name), "r");

	assert_non_null(f);
	*len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	put("plain", TEXT, strlen(TEXT));
	put_gzip("config.gz", TEXT, strlen(TEXT), 1);
	return 0;
}

static int read_file(struct kconfig *c, const char *name)
{
	error_init(&e);
	return kconfig_read(c, path(name), &e);
}

static void assert_text_read(const struct kconfig *c)
{
	assert_int_equal(c->n, 3);
	assert_string_equal(kconfig_value(c, "CONFIG_ARM64"), "y");
	assert_string_equal(kconfig_value(c, "CONFIG_FUSE_FS"), "m");
	assert_non_null(kconfig_find(c, "CONFIG_MODULES"));
	assert_string_equal(c->version, "6.1.192");
	assert_string_equal(c->name, path(c->gzip ? "config.gz" : "plain"));
}

static void plain_and_gzip_alike(void **state)
{
	struct kconfig c;

	(void)state;
	assert_int_equal(read_file(&c, "plain"), 0);
	assert_false(c.gzip);
	assert_text_read(&c);
	kconfig_free(&c);
	assert_int_equal(read_file(&c, "config.gz"), 0);
	assert_true(c.gzip);
	assert_text_read(&c);
	kconfig_free(&c);
}

/* Every cut of the gzip file short of its end is refused, none read as a
 * shorter configuration. */
static void truncated_gzip(void **state)
{
	size_t len;
	char *gz = slurp("config.gz", &len);
	struct kconfig c;

	(void)state;
	for (size_t cut = 1; cut < len; cut++) {
		put("cut.gz", gz, cut);
		assert_int_equal(read_file(&c, "cut.gz"), -EINVAL);
		assert_false(e.system);
	}
	put("cut.gz", gz, len - 4);
	assert_int_equal(read_file(&c, "cut.gz"), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "truncated gzip data"));
}

static void corrupt_gzip(void **state)
{
	size_t len;
	char *gz = slurp("config.gz", &len);
	struct kconfig c;

	(void)state;
	gz[len - 6] ^= 0x55; /* the CRC-32 */
	put("bad.gz", gz, len);
	assert_int_equal(read_file(&c, "bad.gz"), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "corrupt gzip data"));
}

/* Past the bound, whether the file says so (its size) or its gzip stream
 * does (a bomb). */
static void bounded(void **state)
{
	static char lines[1 << 16];
	struct kconfig c;

	(void)state;
	put("huge", "", 0);
	assert_int_equal(truncate(path("huge"), KCONFIG_MAX_BYTES + 1), 0);
	assert_int_equal(read_file(&c, "huge"), -EFBIG);
	assert_non_null(strstr(e.msg[0].text, "more than 16 MiB"));
	memset(lines, '\n', sizeof(lines));
	put_gzip("bomb.gz", lines, sizeof(lines), KCONFIG_MAX_BYTES / sizeof(lines) + 1);
	assert_int_equal(read_file(&c, "bomb.gz"), -EFBIG);
	put_gzip("full.gz", lines, sizeof(lines), KCONFIG_MAX_BYTES / sizeof(lines));
	assert_int_equal(read_file(&c, "full.gz"), 0);
	assert_int_equal(c.n, 0);
	kconfig_free(&c);
}

/* A FIFO is refused at once, not waited on. */
static void regular_files_only(void **state)
{
	struct kconfig c;

	(void)state;
	assert_int_equal(mkfifo(path("fifo"), 0600), 0);
	assert_int_equal(read_file(&c, "fifo"), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "is not a regular file"));
	assert_int_equal(read_file(&c, "."), -EINVAL);
	assert_int_equal(read_file(&c, "absent"), -ENOENT);
	assert_non_null(strstr(e.msg[0].text, "cannot open"));
}

static void running_kernel_without_config(void **state)
{
	struct kconfig c;

	(void)state;
	error_init(&e);
	assert_int_equal(kconfig_read_running(&c, path("absent"), &e), -ENOENT);
	assert_false(e.system);
	assert_non_null(strstr(e.msg[0].text, "does not exist"));
	assert_non_null(strstr(e.msg[0].text, "CONFIG_IKCONFIG_PROC=y"));
}

/* The header wins; without one, uname names the kernel. */
static void running_kernel_version(void **state)
{
	struct kconfig c;

	(void)state;
	error_init(&e);
	assert_int_equal(kconfig_read_running(&c, path("config.gz"), &e), 0);
	assert_string_equal(c.version, "6.1.192");
	assert_string_equal(c.arch, "arm64");
	kconfig_free(&c);
	put("headless", "CONFIG_ARM64=y\n", 15);
	assert_int_equal(kconfig_read_running(&c, path("headless"), &e), 0);
	assert_true(c.version[0] >= '0' && c.version[0] <= '9');
	assert_true(c.arch[0] != '\0');
	kconfig_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_and_gzip_alike),
		cmocka_unit_test(truncated_gzip),
		cmocka_unit_test(corrupt_gzip),
		cmocka_unit_test(bounded),
		cmocka_unit_test(regular_files_only),
		cmocka_unit_test(running_kernel_without_config),
		cmocka_unit_test(running_kernel_version),
	};

	return cmocka_run_group_tests_name("kconfig_read", tests, setup, scratch_teardown);
}
