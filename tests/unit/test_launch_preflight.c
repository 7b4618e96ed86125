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
#include "tests/unit/scratch.h"

struct result {
	struct launch_plan plan;
	struct error_record err;
	int r;
};

static struct launch_config config(struct scratch *s)
{
	struct launch_config cfg;

	launch_config_init(&cfg);
	cfg.kernel = scratch_path(s, "vmlinuz");
	cfg.initrd = scratch_path(s, "initrd");
	cfg.rosetta_dir = scratch_path(s, "share");
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
	struct scratch *s = *state;
	struct launch_config cfg = config(s);
	char want[PATH_MAX + 64];

	cfg.root_image = scratch_path(s, "none.img");
	snprintf(want, sizeof(want),
		 "--root-image %s is not a readable disk image: No such file or directory",
		 cfg.root_image);
	assert_refused(&cfg, -ENOENT, want);
}

static void test_image_not_a_file(void **state)
{
	struct scratch *s = *state;
	struct launch_config cfg = config(s);

	cfg.root_image = scratch_path(s, "share");
	assert_refused(&cfg, -EISDIR, "is not a readable disk image: Is a directory");
	cfg.root_image = scratch_path(s, "fifo");
	assert_refused(&cfg, -EINVAL, "is neither a regular file nor a block device");
}

/* A sysctl file: regular, readable, and not writable even by root. */
static void test_image_not_writable(void **state)
{
	struct scratch *s = *state;
	struct launch_config cfg = config(s), ro = config(s), ephemeral = config(s);
	const struct result *res;

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
	struct scratch *s = *state;
	struct launch_config cfg = config(s);
	struct result *res;
	char cwd[PATH_MAX];

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(s->dir), 0);
	cfg.root_image = "raw.img";
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_string_equal(res->plan.root_image, scratch_path(s, "raw.img"));
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

/* A raw image holding ext4: its type goes on the command line for the guest to load ahead;
 * none for a qcow2 image, whose filesystem libblkid cannot see from here. */
static void test_image_fstype_passed(void **state)
{
	struct scratch *s = *state;
	struct launch_config cfg = config(s);
	struct result *res;
	char cmd[PATH_MAX + 64];

	snprintf(cmd, sizeof(cmd), "truncate -s 4M %s && mkfs.ext4 -q %s",
		 scratch_path(s, "root.ext4"), scratch_path(s, "root.ext4"));
	assert_int_equal(system(cmd), 0);
	cfg.root_image = scratch_path(s, "root.ext4");
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_string_equal(res->plan.root_fstype, "ext4");
	assert_string_equal(res->plan.cmdline,
			    "console=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda "
			    "rosetta.rootfstype=ext4");
	cfg.root_image = scratch_path(s, "disk.qcow2");
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_string_equal(res->plan.root_fstype, "");
}

static void test_dirs_refused(void **state)
{
	struct scratch *s = *state;
	struct launch_config cfg = config(s);
	char want[PATH_MAX + 64];

	cfg.root_dir = scratch_path(s, "raw.img");
	snprintf(want, sizeof(want), "--root-dir %s is not a directory: Not a directory",
		 cfg.root_dir);
	assert_refused(&cfg, -ENOTDIR, want);
	cfg.root_dir = NULL;
	add_share(&cfg, scratch_path(s, "share"), "a", false);
	add_share(&cfg, scratch_path(s, "gone"), "b", false);
	snprintf(want, sizeof(want), "--share %s is not a directory: No such file or directory",
		 cfg.share[1].dir);
	assert_refused(&cfg, -ENOENT, want);
}

static void test_shares_planned(void **state)
{
	struct scratch *s = *state;
	struct launch_config cfg = config(s);
	struct result *res;

	cfg.root_dir = scratch_path(s, "share/../root");
	cfg.ephemeral = true;
	add_share(&cfg, scratch_path(s, "root/."), "data", true);
	res = preflight(&cfg);
	assert_int_equal(res->r, 0);
	assert_int_equal(res->plan.nshares, 3);
	assert_string_equal(res->plan.share[1].tag, "rosetta-root");
	assert_string_equal(res->plan.share[1].dir, scratch_path(s, "root"));
	assert_true(res->plan.share[1].ro);
	assert_string_equal(res->plan.share[2].tag, "data");
	assert_string_equal(res->plan.share[2].dir, scratch_path(s, "root"));
	assert_true(res->plan.share[2].ro);
	assert_false(res->plan.share[0].ro);
	assert_string_equal(res->plan.root_image, "");
}

/* --dry-run: nothing needs to exist; an image it cannot read is shown as a raw one. */
static void test_dry_run_lets_missing_pass(void **state)
{
	struct scratch *s = *state;
	struct launch_config cfg = config(s);
	struct result *res;
	char cwd[PATH_MAX], want[PATH_MAX + 16];

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

static int group_setup(void **state)
{
	static const char qcow2[] = "QFI\xfb\0\0\0\3";
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	return scratch_write(s, "vmlinuz", "k", 1, 0600) |
	       scratch_write(s, "initrd", "i", 1, 0600) |
	       scratch_write(s, "raw.img", "\0\0\0\0\0\0\0\0", 8, 0600) |
	       scratch_write(s, "disk.qcow2", qcow2, sizeof(qcow2) - 1, 0600) |
	       scratch_write(s, "short.img", "QFI", 3, 0600) |
	       mkdir(scratch_path(s, "share"), 0700) | mkdir(scratch_path(s, "root"), 0700) |
	       mkfifo(scratch_path(s, "fifo"), 0600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_fstype_passed),
		cmocka_unit_test(test_image_missing),
		cmocka_unit_test(test_image_not_a_file),
		cmocka_unit_test(test_image_not_writable),
		cmocka_unit_test(test_image_format_and_path),
		cmocka_unit_test(test_dirs_refused),
		cmocka_unit_test(test_shares_planned),
		cmocka_unit_test(test_dry_run_lets_missing_pass),
	};

	return cmocka_run_group_tests_name("launch_preflight", tests, group_setup,
					   scratch_teardown);
}
