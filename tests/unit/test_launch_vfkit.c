/*
 * rosetta-launch --backend vfkit: vfkit's exact argv for each kind of launch (golden
 * vectors: vfkit cannot run here, so these are what pins it), what vfkit's comma syntax
 * cannot carry, the kernel formats vfkit boots or not, and the host check. The options
 * that conflict with the backend are test_launch_options'.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/scratch.h"
#include "tools/rosetta-launch/cmdline.h"
#include "tools/rosetta-launch/config_check.h"
#include "tools/rosetta-launch/kernel_image.h"
#include "tools/rosetta-launch/options.h"
#include "tools/rosetta-launch/plan.h"
#include "tools/rosetta-launch/vfkit_argv.h"
#include "tools/rosetta-launch/vfkit_preflight.h"

#include <cmocka.h>

#define VFKIT "/opt/homebrew/bin/vfkit"

/* A vfkit launch's configuration before its options: the required ones given. */
static void vfkit_config(struct launch_config *cfg)
{
	launch_config_init(cfg);
	cfg->backend = LAUNCH_BACKEND_VFKIT;
	cfg->kernel = "/b/Image";
	cfg->initrd = "/b/initrd.gz";
}

static void add_share(struct launch_config *cfg, const char *dir, const char *tag)
{
	struct launch_extra_share *s = &cfg->share[cfg->nshares++];

	snprintf(s->dir, sizeof(s->dir), "%s", dir);
	snprintf(s->tag, sizeof(s->tag), "%s", tag);
}

/*
 * vfkit's argv for cfg, the plan laid out as the preflight would with absolute paths given (image:
 * the root image's, or NULL): the VM's size, the boot loader with the kernel command line cmdline,
 * the console and the entropy, then the devices given.
 */
#define assert_vfkit(cfg, image, cpus, mib, cmdline, ...)                                          \
	check_vfkit(cfg, image,                                                                    \
		    (const char *const[]){ VFKIT, "--cpus", cpus, "--memory", mib,                 \
					   "--restful-uri", "none://", "--bootloader", NULL },     \
		    cmdline, (const char *const[]){ __VA_ARGS__, NULL })

static void assert_words(const struct launch_argv *a, size_t *at, const char *const *want)
{
	for (; *want; want++, (*at)++) {
		if (*at >= a->n)
			fail_msg("argv has %zu words, want more: '%s'", a->n, *want);
		if (strcmp(a->v[*at], *want) != 0)
			fail_msg("argv[%zu] is '%s', want '%s'", *at, a->v[*at], *want);
	}
}

static void check_vfkit(struct launch_config *cfg, const char *image, const char *const *head,
			const char *cmdline, const char *const *devices)
{
	static const char *const console[] = { "--device", "virtio-serial,stdio", "--device",
					       "virtio-rng", NULL };
	struct error_record err = { 0 };
	struct launch_plan plan;
	struct launch_argv a;
	char boot[LAUNCH_CMDLINE_MAX + 128];
	const char *const bootv[] = { boot, NULL };
	size_t at = 0;

	memset(&plan, 0, sizeof(plan));
	snprintf(plan.vm, sizeof(plan.vm), "%s", VFKIT);
	assert_int_equal(launch_build_cmdline(cfg, NULL, plan.cmdline, sizeof(plan.cmdline), &err),
			 0);
	assert_int_equal(launch_plan_shares(&plan, cfg), 0);
	assert_int_equal(plan.nservers, 0);
	if (image)
		snprintf(plan.root_image, sizeof(plan.root_image), "%s", image);
	snprintf(boot, sizeof(boot), "linux,kernel=/b/Image,initrd=/b/initrd.gz,cmdline=\"%s\"",
		 cmdline);
	launch_argv_init(&a);
	assert_int_equal(launch_vfkit_argv(&a, cfg, &plan), 0);
	assert_words(&a, &at, head);
	assert_words(&a, &at, bootv);
	assert_words(&a, &at, console);
	assert_words(&a, &at, devices);
	assert_int_equal(a.n, at);
	assert_null(a.v[a.n]);
	launch_argv_free(&a);
}

/* ---- golden argv -------------------------------------------------------------------- */

static void test_argv_defaults(void **state)
{
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	assert_vfkit(&cfg, NULL, "2", "1024", "console=hvc0 panic=-1 quiet", "--device",
		     "rosetta,mountTag=rosetta");
}

static void test_argv_root_dir(void **state)
{
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	cfg.root_dir = "/srv/x86";
	cfg.tag = "xl";
	assert_vfkit(
	    &cfg, NULL, "2", "1024",
	    "console=hvc0 panic=-1 quiet rosetta.tag=xl rosetta.root=virtiofs:rosetta-root",
	    "--device", "rosetta,mountTag=xl", "--device",
	    "virtio-fs,sharedDir=/srv/x86,mountTag=rosetta-root");
}

/* The guest's mount keeps the root read-only: vfkit has no read-only share to add. */
static void test_argv_root_dir_ro(void **state)
{
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	cfg.root_dir = "/srv/x86";
	cfg.root_ro = true;
	assert_vfkit(&cfg, NULL, "2", "1024",
		     "console=hvc0 panic=-1 quiet rosetta.root=virtiofs:rosetta-root rosetta.ro",
		     "--device", "rosetta,mountTag=rosetta", "--device",
		     "virtio-fs,sharedDir=/srv/x86,mountTag=rosetta-root");
}

static void test_argv_ephemeral(void **state)
{
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	cfg.root_dir = "/srv/x86";
	cfg.ephemeral = true;
	cfg.memory_mib = launch_default_memory(&cfg); /* the guest's tmpfs holds the writes */
	assert_vfkit(&cfg, NULL, "2", "2048",
		     "console=hvc0 panic=-1 quiet rosetta.root=virtiofs:rosetta-root "
		     "rosetta.overlay=tmpfs",
		     "--device", "rosetta,mountTag=rosetta", "--device",
		     "virtio-fs,sharedDir=/srv/x86,mountTag=rosetta-root");
}

static void test_argv_root_image(void **state)
{
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	cfg.root_image = "debian.raw";
	assert_vfkit(&cfg, "/img/debian.raw", "2", "1024",
		     "console=hvc0 panic=-1 quiet rosetta.root=/dev/vda", "--device",
		     "virtio-blk,path=/img/debian.raw", "--device", "rosetta,mountTag=rosetta");
	cfg.root_ro = true;
	assert_vfkit(&cfg, "/img/debian.raw", "2", "1024",
		     "console=hvc0 panic=-1 quiet rosetta.root=/dev/vda rosetta.ro", "--device",
		     "virtio-blk,path=/img/debian.raw,readonly", "--device",
		     "rosetta,mountTag=rosetta");
}

static void test_argv_shares_memory_cpus(void **state)
{
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	add_share(&cfg, "/data", "data");
	add_share(&cfg, "/srv/a=b", "more");
	cfg.memory_mib = 4096;
	cfg.cpus = 6;
	check_vfkit(&cfg, NULL,
		    (const char *const[]){ VFKIT, "--cpus", "6", "--memory", "4096",
					   "--restful-uri", "none://", "--bootloader", NULL },
		    "console=hvc0 panic=-1 quiet",
		    (const char *const[]){ "--device", "rosetta,mountTag=rosetta", "--device",
					   "virtio-fs,sharedDir=/data,mountTag=data", "--device",
					   "virtio-fs,sharedDir=/srv/a=b,mountTag=more", NULL });
}

/* vfkit strips every double quote at either end of the cmdline value: the entry's closing
 * quote is kept by a blank after it. */
static void test_argv_entry(void **state)
{
	static char *const entry[] = { "/bin/echo", "a b" };
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	cfg.cmdline = "loglevel=4";
	cfg.entry = entry;
	cfg.entry_count = 2;
	assert_vfkit(&cfg, NULL, "2", "1024",
		     "console=hvc0 panic=-1 quiet loglevel=4 rosetta.entry=\"/bin/echo 'a b'\" ",
		     "--device", "rosetta,mountTag=rosetta");
}

/* ---- what vfkit's syntax cannot carry ----------------------------------------------- */

static void test_device_refusal(void **state)
{
	(void)state;
	assert_null(launch_vfkit_device_refusal("/srv/a=b c\"d"));
	assert_string_equal(launch_vfkit_device_refusal("/srv/a,b"), "a comma");
}

static void test_path_refusal(void **state)
{
	(void)state;
	assert_null(launch_vfkit_path_refusal("/b/Image"));
	assert_null(launch_vfkit_path_refusal("/b/k\xc3\xa9rnel"));
	assert_string_equal(launch_vfkit_path_refusal("/b/a,b"), "a comma");
	assert_string_equal(launch_vfkit_path_refusal("/b/\"x"), "a double quote");
	assert_string_equal(launch_vfkit_path_refusal("/b/\xff"), "bytes that are not UTF-8");
}

static void test_cmdline_refusal(void **state)
{
	(void)state;
	assert_null(launch_vfkit_cmdline_refusal("console=hvc0 a=1,2 x=\"y z\""));
	assert_string_equal(launch_vfkit_cmdline_refusal("rosetta.entry=\"/bin/echo a,b\""),
			    "a comma inside double quotes");
	assert_string_equal(launch_vfkit_cmdline_refusal("a=\"b"), "an unclosed double quote");
	assert_string_equal(launch_vfkit_cmdline_refusal("a=\xc3"), "bytes that are not UTF-8");
}

/* ---- kernel formats ----------------------------------------------------------------- */

static void test_kernel_kind(void **state)
{
	static const unsigned char arm64[4] = { 'A', 'R', 'M', 0x64 },
				   zimg[4] = { 'z', 'i', 'm', 'g' };
	unsigned char head[LAUNCH_KERNEL_HEAD] = { 'M', 'Z' };

	(void)state;
	memcpy(head + 56, arm64, sizeof(arm64));
	assert_int_equal(launch_kernel_kind(head, sizeof(head)), LAUNCH_KERNEL_IMAGE);
	assert_int_equal(launch_kernel_kind(head, 59), LAUNCH_KERNEL_UNKNOWN);
	memcpy(head + 4, zimg, sizeof(zimg));
	memset(head + 56, 0, 4);
	assert_int_equal(launch_kernel_kind(head, sizeof(head)), LAUNCH_KERNEL_ZBOOT);
	head[0] = 0x1f;
	head[1] = 0x8b;
	assert_int_equal(launch_kernel_kind(head, 2), LAUNCH_KERNEL_GZIP);
	assert_int_equal(launch_kernel_kind(head, 1), LAUNCH_KERNEL_UNKNOWN);
	assert_int_equal(launch_kernel_kind((const unsigned char *)"", 0), LAUNCH_KERNEL_UNKNOWN);
}

/* The preflight's verdict on files: kernel (name, bytes at offset, count). */
static int check_kernel_file(struct scratch *s, const char *bytes, size_t off, size_t n,
			     bool dry_run, struct error_record *err)
{
	unsigned char data[LAUNCH_KERNEL_HEAD + 8] = { 0 };
	struct launch_config cfg;
	struct launch_plan plan;

	error_init(err);
	memcpy(data + off, bytes, n);
	assert_int_equal(scratch_write(s, "Image", data, sizeof(data), 0600), 0);
	vfkit_config(&cfg);
	cfg.kernel = scratch_path(s, "Image");
	cfg.dry_run = dry_run;
	memset(&plan, 0, sizeof(plan));
	snprintf(plan.cmdline, sizeof(plan.cmdline), "console=hvc0");
	return launch_vfkit_check_plan(&cfg, &plan, err);
}

/* err is cleared for the next call. */
static void assert_refused(int r, struct error_record *err, const char *needle)
{
	assert_int_equal(r, -EINVAL);
	if (!strstr(err->msg[0].text, needle))
		fail_msg("message '%s' lacks '%s'", err->msg[0].text, needle);
	error_init(err);
}

static void test_kernel_refused(void **state)
{
	struct scratch *s = *state;
	struct error_record err = { 0 };

	assert_int_equal(check_kernel_file(s, "ARM\x64", 56, 4, false, &err), 0);
	assert_refused(check_kernel_file(s, "\x1f\x8b\x08", 0, 3, false, &err), &err,
		       "/Image is gzip-compressed: vfkit boots only an uncompressed arm64 Image; "
		       "give the Image beside it (the kernel build leaves build/Image) or gunzip "
		       "it");
	/* --dry-run refuses it too: the command it prints would hang */
	assert_refused(check_kernel_file(s, "\x1f\x8b\x08", 0, 3, true, &err), &err,
		       "gzip-compressed");
	assert_refused(check_kernel_file(s, "MZ\0\0zimg", 0, 8, false, &err), &err,
		       "is an EFI zboot image (CONFIG_EFI_ZBOOT)");
	assert_refused(check_kernel_file(s,
					 "\x7f"
					 "ELF",
					 0, 4, false, &err),
		       &err, "is not an arm64 Linux Image");
}

static void test_plan_refused(void **state)
{
	struct error_record err = { 0 };
	struct launch_config cfg;
	struct launch_plan plan;

	(void)state;
	vfkit_config(&cfg);
	cfg.root_image = "x.qcow2";
	cfg.dry_run = true; /* the kernel cannot be read: only the other checks */
	cfg.kernel = "/nonexistent/Image";
	memset(&plan, 0, sizeof(plan));
	snprintf(plan.cmdline, sizeof(plan.cmdline), "console=hvc0");
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	snprintf(plan.root_image, sizeof(plan.root_image), "/img/x.qcow2");
	assert_int_equal(launch_vfkit_check_plan(&cfg, &plan, &err), 0);
	plan.image_format = LAUNCH_IMAGE_QCOW2;
	assert_refused(launch_vfkit_check_plan(&cfg, &plan, &err), &err,
		       "--root-image /img/x.qcow2 is a qcow2 image: vfkit takes raw images only");
	plan.image_format = LAUNCH_IMAGE_RAW;
	snprintf(plan.root_image, sizeof(plan.root_image), "/img/a,b.raw");
	assert_refused(launch_vfkit_check_plan(&cfg, &plan, &err), &err,
		       "--root-image /img/a,b.raw holds a comma, which vfkit's options cannot "
		       "carry");
	plan.root_image[0] = '\0';
	snprintf(plan.cmdline, sizeof(plan.cmdline),
		 "console=hvc0 rosetta.entry=\"/bin/echo a,b\"");
	assert_refused(launch_vfkit_check_plan(&cfg, &plan, &err), &err,
		       "holds a comma inside double quotes");
	snprintf(plan.cmdline, sizeof(plan.cmdline), "console=hvc0");
	cfg.initrd = "/b/\"x";
	assert_refused(launch_vfkit_check_plan(&cfg, &plan, &err), &err,
		       "--initrd /b/\"x holds a double quote");
}

/* ---- options and host --------------------------------------------------------------- */

static void test_host(void **state)
{
	struct error_record err = { 0 };
	struct launch_config cfg;

	(void)state;
	vfkit_config(&cfg);
	assert_int_equal(launch_vfkit_check_host(&cfg, "Darwin", &err), 0);
	assert_int_equal(launch_vfkit_check_host(&cfg, "Linux", &err), -ENOTSUP);
	assert_string_equal(err.msg[0].text,
			    "vfkit runs only on macOS hosts; use --dry-run to see the command");
	cfg.dry_run = true;
	assert_int_equal(launch_vfkit_check_host(&cfg, "Linux", &err), 0);
	cfg.dry_run = false;
	cfg.vfkit = "/tmp/stand-in";
	assert_int_equal(launch_vfkit_check_host(&cfg, "Linux", &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argv_defaults),
		cmocka_unit_test(test_argv_root_dir),
		cmocka_unit_test(test_argv_root_dir_ro),
		cmocka_unit_test(test_argv_ephemeral),
		cmocka_unit_test(test_argv_root_image),
		cmocka_unit_test(test_argv_shares_memory_cpus),
		cmocka_unit_test(test_argv_entry),
		cmocka_unit_test(test_device_refusal),
		cmocka_unit_test(test_path_refusal),
		cmocka_unit_test(test_cmdline_refusal),
		cmocka_unit_test(test_kernel_kind),
		cmocka_unit_test_setup_teardown(test_kernel_refused, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(test_plan_refused),
		cmocka_unit_test(test_host),
	};

	return cmocka_run_group_tests_name("launch_vfkit", tests, NULL, NULL);
}
