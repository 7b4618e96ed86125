/*
 * The checks before a launch, against real files in a scratch directory: the root image
 * (missing, a directory, a fifo, not writable, raw or qcow2 by its first bytes, made
 * absolute), --root-dir and --share directories, the read-only marks of the planned
 * shares, and what --dry-run lets pass. The programs are /bin/true.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tools/rosetta-launch/options.h"
#include "tools/rosetta-launch/plan.h"
#include "tools/rosetta-launch/preflight.h"

static char scratch[64];

struct result {
	struct launch_plan plan;
	struct error_record err;
	int r;
};

static const char *at(const char *name)
{
	static char paths[32][PATH_MAX];
	static unsigned int next;
	char *p = paths[next++ % 32];

	snprintf(p, PATH_MAX, "%s/%s", scratch, name);
	return p;
}

static struct launch_config config(void)
{
	struct launch_config cfg;

	launch_config_init(&cfg);
	cfg.kernel = at("vmlinuz");
	cfg.initrd = at("initrd");
	cfg.rosetta_dir = at("share");
	cfg.qemu = "/bin/true";
	cfg.virtiofsd = "/bin/true";
	cfg.accel = LAUNCH_ACCEL_TCG;
	return cfg;
}

static void add_share(struct launch_config *cfg, const char *dir, const char *tag, bool ro)
{
	struct launch_extra_share *s = &cfg->share[cfg->nshares++];

	snprintf(s->dir, sizeof(s->dir), "%s", dir);
	snprintf(s->tag, sizeof(s->tag), "%s", tag);
	s->ro = ro;
}

static struct result *preflight(const struct launch_config *cfg)
{
	static struct result res;

	memset(&res, 0, sizeof(res));
	res.r = launch_preflight(cfg, "/usr/bin:/bin", &res.plan, &res.err);
	return &res;
}

static void assert_refused(const struct launch_config *cfg, int r, const char *msg)
{
	struct result *res = preflight(cfg);

	assert_int_equal(res->r, r);
	if (!strstr(res->err.msg[0].text, msg))
		fail_msg("message '%s' lacks '%s'", res->err.msg[0].text, msg);
}

static void test_image_missing(void **state)
{
	struct launch_config cfg = config();
	char want[PATH_MAX + 64];

	(void)state;
	cfg.root_image = at("none.img");
	snprintf(want, sizeof(want),
		 "--root-image %s is not a readable disk image: No such file or directory",
		 cfg.root_image);
	assert_refused(&cfg, -ENOENT, want);
}

static void test_image_not_a_file(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	cfg.root_image = at("share");
	assert_refused(&cfg, -EISDIR, "is not a readable disk image: Is a directory");
	cfg.root_image = at("fifo");
	assert_refused(&cfg, -EINVAL, "is neither a regular file nor a block device");
}

/* A sysctl file: regular, readable, and not writable even by root. */
static void test_image_not_writable(void **state)
{
	struct launch_config cfg = config(), ro = config(), ephemeral = config();
	const struct result *res;

	(void)state;
	cfg.root_image = "/proc/sys/kernel/ostype";
	assert_refused(&cfg, -EACCES,
		       "--root-image /proc/sys/kernel/ostype is not writable: Permission denied "
		       "(--root-ro or --ephemeral leave it unwritten)");
	ro.root_image = cfg.root_image;
	ro.root_ro = true;
	res = preflight(&ro);
	assert_int_equal(res->r, 0);
	ephemeral.root_image = cfg.root_image;
	ephemeral.ephemeral = true;
	res = preflight(&ephemeral);
	assert_int_equal(res->r, 0);
}

static void test_image_format_and_path(void **state)
{
	struct launch_config cfg = config();
	struct result *res;
	char cwd[PATH_MAX];

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(scratch), 0);
	cfg.root_image = "raw.img";
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_string_equal(res->plan.root_image, at("raw.img"));
	assert_int_equal(res->plan.image_format, LAUNCH_IMAGE_RAW);
	assert_string_equal(res->plan.cmdline,
			    "console=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda");
	cfg.root_image = "disk.qcow2";
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_int_equal(res->plan.image_format, LAUNCH_IMAGE_QCOW2);
	/* three bytes of the magic are not the magic */
	cfg.root_image = "short.img";
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_int_equal(res->plan.image_format, LAUNCH_IMAGE_RAW);
	assert_int_equal(chdir(cwd), 0);
}

static void test_dirs_refused(void **state)
{
	struct launch_config cfg = config();
	char want[PATH_MAX + 64];

	(void)state;
	cfg.root_dir = at("raw.img");
	snprintf(want, sizeof(want), "--root-dir %s is not a directory: Not a directory",
		 cfg.root_dir);
	assert_refused(&cfg, -ENOTDIR, want);
	cfg.root_dir = NULL;
	add_share(&cfg, at("share"), "a", false);
	add_share(&cfg, at("gone"), "b", false);
	snprintf(want, sizeof(want), "--share %s is not a directory: No such file or directory",
		 cfg.share[1].dir);
	assert_refused(&cfg, -ENOENT, want);
}

static void test_shares_planned(void **state)
{
	struct launch_config cfg = config();
	struct result *res;

	(void)state;
	cfg.root_dir = at("share/../root");
	cfg.ephemeral = true;
	add_share(&cfg, at("root/."), "data", true);
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_int_equal(res->plan.nshares, 3);
	assert_string_equal(res->plan.share[1].tag, "rosetta-root");
	assert_string_equal(res->plan.share[1].dir, at("root"));
	assert_true(res->plan.share[1].ro);
	assert_string_equal(res->plan.share[2].tag, "data");
	assert_string_equal(res->plan.share[2].dir, at("root"));
	assert_true(res->plan.share[2].ro);
	assert_false(res->plan.share[0].ro);
	assert_string_equal(res->plan.root_image, "");
}

/* --dry-run: nothing needs to exist; an image it cannot read is shown as a raw one. */
static void test_dry_run_lets_missing_pass(void **state)
{
	struct launch_config cfg = config();
	struct result *res;
	char cwd[PATH_MAX], want[PATH_MAX + 16];

	(void)state;
	cfg.dry_run = true;
	cfg.root_image = "missing.qcow2";
	add_share(&cfg, "/nonexistent/data", "data", false);
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(want, sizeof(want), "%s/missing.qcow2", cwd);
	assert_string_equal(res->plan.root_image, want);
	assert_int_equal(res->plan.image_format, LAUNCH_IMAGE_RAW);
	assert_string_equal(res->plan.share[1].dir, "/nonexistent/data");
}

static int write_file(const char *name, const void *data, size_t len)
{
	int fd = open(at(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int group_setup(void **state)
{
	static const char qcow2[] = "QFI\xfb\0\0\0\3";

	(void)state;
	strcpy(scratch, "/tmp/test_launch_preflight.XXXXXX");
	if (!mkdtemp(scratch))
		return -1;
	return write_file("vmlinuz", "k", 1) | write_file("initrd", "i", 1) |
	       write_file("raw.img", "\0\0\0\0\0\0\0\0", 8) |
	       write_file("disk.qcow2", qcow2, sizeof(qcow2) - 1) |
	       write_file("short.img", "QFI", 3) | mkdir(at("share"), 0700) |
	       mkdir(at("root"), 0700) | mkfifo(at("fifo"), 0600);
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_missing),
		cmocka_unit_test(test_image_not_a_file),
		cmocka_unit_test(test_image_not_writable),
		cmocka_unit_test(test_image_format_and_path),
		cmocka_unit_test(test_dirs_refused),
		cmocka_unit_test(test_shares_planned),
		cmocka_unit_test(test_dry_run_lets_missing_pass),
	};

	return cmocka_run_group_tests_name("launch_preflight", tests, group_setup, group_teardown);
}
