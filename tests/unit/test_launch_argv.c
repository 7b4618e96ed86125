/*
 * The children's argument vectors (qemu under TCG and KVM, the shares, the root disk,
 * virtiofsd), the escaping inside qemu and virtiofsd options, shell quoting for --dry-run,
 * the share layout with its read-only marks, and the choice of accelerator.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tools/rosetta-launch/accel.h"
#include "tools/rosetta-launch/argv.h"
#include "tools/rosetta-launch/plan.h"

static void assert_argv(const struct launch_argv *a, const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++) {
		if (i >= a->n)
			fail_msg("argv has %zu words, want more: '%s'", a->n, want[i]);
		if (strcmp(a->v[i], want[i]) != 0)
			fail_msg("argv[%zu] is '%s', want '%s'", i, a->v[i], want[i]);
	}
	assert_int_equal(a->n, i);
	assert_null(a->v[a->n]);
}

static void setup_plan(struct launch_config *cfg, struct launch_plan *plan, const char *root)
{
	launch_config_init(cfg);
	cfg->kernel = "/boot/vmlinuz";
	cfg->initrd = "/boot/initrd.gz";
	cfg->rosetta_dir = "/opt/rosetta";
	cfg->root_dir = root;
	memset(plan, 0, sizeof(*plan));
	strcpy(plan->vm, "/usr/bin/qemu-system-aarch64");
	strcpy(plan->virtiofsd, "/usr/lib/qemu/virtiofsd");
	strcpy(plan->cmdline, "console=ttyAMA0 panic=-1 quiet");
	assert_int_equal(launch_plan_shares(plan, cfg), 0);
	assert_int_equal(launch_plan_sockets(plan, "/run/user/0/rosetta-launch.abc123", NULL), 0);
}

static void test_qemu_tcg(void **state)
{
	static const char *const want[] = {
		"/usr/bin/qemu-system-aarch64",
		"-M",
		"virt",
		"-accel",
		"tcg",
		"-cpu",
		"max,pauth-impdef=on",
		"-smp",
		"2",
		"-m",
		"1024",
		"-nographic",
		"-no-reboot",
		"-nic",
		"none",
		"-kernel",
		"/boot/vmlinuz",
		"-initrd",
		"/boot/initrd.gz",
		"-append",
		"console=ttyAMA0 panic=-1 quiet",
		"-object",
		"memory-backend-memfd,id=mem,size=1024M,share=on",
		"-numa",
		"node,memdev=mem",
		"-chardev",
		"socket,id=vfs0,path=/run/user/0/rosetta-launch.abc123/vfs0.sock",
		"-device",
		"vhost-user-fs-pci,chardev=vfs0,tag=rosetta",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	assert_argv(&a, want);
	launch_argv_free(&a);
}

static void test_qemu_kvm_sizes(void **state)
{
	static const char *const want[] = {
		"/usr/bin/qemu-system-aarch64",
		"-M",
		"virt",
		"-accel",
		"kvm",
		"-cpu",
		"host",
		"-smp",
		"8",
		"-m",
		"4096",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;
	size_t i;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	plan.kvm = true;
	cfg.cpus = 8;
	cfg.memory_mib = 4096;
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	for (i = 0; want[i]; i++)
		assert_string_equal(a.v[i], want[i]);
	for (i = 0; i < a.n; i++)
		if (strcmp(a.v[i], "-object") == 0)
			assert_string_equal(a.v[i + 1],
					    "memory-backend-memfd,id=mem,size=4096M,share=on");
	for (i = 0; i < a.n; i++)
		assert_null(strstr(a.v[i], "max"));
	launch_argv_free(&a);
}

static void test_qemu_root_share(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;

	(void)state;
	setup_plan(&cfg, &plan, "/srv/x86");
	assert_int_equal(plan.nshares, 2);
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	assert_true(a.n >= 8);
	assert_string_equal(a.v[a.n - 8], "-chardev");
	assert_string_equal(a.v[a.n - 7],
			    "socket,id=vfs0,path=/run/user/0/rosetta-launch.abc123/vfs0.sock");
	assert_string_equal(a.v[a.n - 5], "vhost-user-fs-pci,chardev=vfs0,tag=rosetta");
	assert_string_equal(a.v[a.n - 4], "-chardev");
	assert_string_equal(a.v[a.n - 3],
			    "socket,id=vfs1,path=/run/user/0/rosetta-launch.abc123/vfs1.sock");
	assert_string_equal(a.v[a.n - 2], "-device");
	assert_string_equal(a.v[a.n - 1], "vhost-user-fs-pci,chardev=vfs1,tag=rosetta-root");
	launch_argv_free(&a);
}

static void test_qemu_custom_tag_and_comma(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	cfg.tag = "xlate";
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	assert_int_equal(launch_plan_sockets(&plan, "/tmp/a,b", NULL), 0);
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	assert_string_equal(a.v[a.n - 3], "socket,id=vfs0,path=/tmp/a,,b/vfs0.sock");
	assert_string_equal(a.v[a.n - 1], "vhost-user-fs-pci,chardev=vfs0,tag=xlate");
	launch_argv_free(&a);
}

/* The words of qemu's argv from the first -object on: the memory, the disk, the shares. */
static void assert_qemu_tail(const struct launch_config *cfg, const struct launch_plan *plan,
			     const char *const *want)
{
	struct launch_argv a, tail;
	size_t i = 0;

	launch_argv_init(&a);
	launch_argv_init(&tail);
	assert_int_equal(launch_qemu_argv(&a, cfg, plan), 0);
	while (i < a.n && strcmp(a.v[i], "-object") != 0)
		i++;
	for (; i < a.n; i++)
		launch_argv_add(&tail, a.v[i]);
	assert_argv(&tail, want);
	launch_argv_free(&tail);
	launch_argv_free(&a);
}

static void test_qemu_root_image_raw(void **state)
{
	static const char *const want[] = {
		"-object",  "memory-backend-memfd,id=mem,size=1024M,share=on",
		"-numa",    "node,memdev=mem",
		"-drive",   "file=/srv/debian-amd64.ext4,format=raw,if=none,id=root",
		"-device",  "virtio-blk-pci,drive=root",
		"-chardev", "socket,id=vfs0,path=/run/user/0/rosetta-launch.abc123/vfs0.sock",
		"-device",  "vhost-user-fs-pci,chardev=vfs0,tag=rosetta",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	cfg.root_image = "debian-amd64.ext4";
	strcpy(plan.root_image, "/srv/debian-amd64.ext4");
	plan.image_format = LAUNCH_IMAGE_RAW;
	assert_qemu_tail(&cfg, &plan, want);
}

static void test_qemu_root_image_qcow2_snapshot(void **state)
{
	static const char *const want[] = {
		"-object",  "memory-backend-memfd,id=mem,size=1024M,share=on",
		"-numa",    "node,memdev=mem",
		"-drive",   "file=/srv/a,,b.qcow2,format=qcow2,if=none,id=root,snapshot=on",
		"-device",  "virtio-blk-pci,drive=root",
		"-chardev", "socket,id=vfs0,path=/run/user/0/rosetta-launch.abc123/vfs0.sock",
		"-device",  "vhost-user-fs-pci,chardev=vfs0,tag=rosetta",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	cfg.root_image = "a,b.qcow2";
	cfg.ephemeral = true;
	/* a comma in the path is doubled, as qemu's option parser wants */
	strcpy(plan.root_image, "/srv/a,b.qcow2");
	plan.image_format = LAUNCH_IMAGE_QCOW2;
	assert_qemu_tail(&cfg, &plan, want);
}

static void test_qemu_root_image_readonly(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;
	size_t i;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	cfg.root_image = "d.img";
	cfg.root_ro = true;
	strcpy(plan.root_image, "/d.img");
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	for (i = 0; i < a.n && strcmp(a.v[i], "-drive") != 0; i++)
		;
	assert_true(i + 1 < a.n);
	assert_string_equal(a.v[i + 1], "file=/d.img,format=raw,if=none,id=root,readonly=on");
	launch_argv_free(&a);
}

/* Without --root-image, no disk. */
static void test_qemu_no_disk_without_image(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;
	size_t i;

	(void)state;
	setup_plan(&cfg, &plan, "/srv/x86");
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	for (i = 0; i < a.n; i++) {
		assert_string_not_equal(a.v[i], "-drive");
		assert_string_not_equal(a.v[i], "virtio-blk-pci,drive=root");
	}
	launch_argv_free(&a);
}

/* --no-initrd: the kernel, its command line, and no -initrd at all. */
static void test_qemu_no_initrd(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;
	size_t i;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	cfg.initrd = NULL;
	cfg.no_initrd = true;
	launch_argv_init(&a);
	assert_int_equal(launch_qemu_argv(&a, &cfg, &plan), 0);
	for (i = 0; i < a.n; i++)
		assert_string_not_equal(a.v[i], "-initrd");
	assert_string_equal(a.v[15], "-kernel");
	assert_string_equal(a.v[17], "-append");
	launch_argv_free(&a);
}

static void test_plan_extra_shares(void **state)
{
	static const char *const want[] = {
		"-object",  "memory-backend-memfd,id=mem,size=1024M,share=on",
		"-numa",    "node,memdev=mem",
		"-chardev", "socket,id=vfs0,path=/run/user/0/rosetta-launch.abc123/vfs0.sock",
		"-device",  "vhost-user-fs-pci,chardev=vfs0,tag=rosetta",
		"-chardev", "socket,id=vfs1,path=/run/user/0/rosetta-launch.abc123/vfs1.sock",
		"-device",  "vhost-user-fs-pci,chardev=vfs1,tag=rosetta-root",
		"-chardev", "socket,id=vfs2,path=/run/user/0/rosetta-launch.abc123/vfs2.sock",
		"-device",  "vhost-user-fs-pci,chardev=vfs2,tag=data",
		"-chardev", "socket,id=vfs3,path=/run/user/0/rosetta-launch.abc123/vfs3.sock",
		"-device",  "vhost-user-fs-pci,chardev=vfs3,tag=lib",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;

	(void)state;
	setup_plan(&cfg, &plan, "/srv/x86");
	cfg.nshares = 2;
	strcpy(cfg.share[0].dir, "/srv/data");
	strcpy(cfg.share[0].tag, "data");
	strcpy(cfg.share[1].dir, "/srv/lib");
	strcpy(cfg.share[1].tag, "lib");
	cfg.share[1].ro = true;
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	assert_int_equal(launch_plan_sockets(&plan, "/run/user/0/rosetta-launch.abc123", NULL), 0);
	assert_int_equal(plan.nshares, 4);
	assert_string_equal(plan.share[2].dir, "/srv/data");
	assert_false(plan.share[0].ro);
	assert_false(plan.share[1].ro);
	assert_false(plan.share[2].ro);
	assert_true(plan.share[3].ro);
	assert_qemu_tail(&cfg, &plan, want);
}

/* The root share is read-only for the host too when the guest will not write it. */
static void test_plan_root_share_readonly(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;

	(void)state;
	setup_plan(&cfg, &plan, "/srv/x86");
	assert_false(plan.share[1].ro);
	cfg.root_ro = true;
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	assert_true(plan.share[1].ro);
	cfg.root_ro = false;
	cfg.ephemeral = true;
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	assert_true(plan.share[1].ro);
	assert_false(plan.share[0].ro);
	/* --root-image: no root share at all */
	cfg.root_dir = NULL;
	cfg.root_image = "d.img";
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	assert_int_equal(plan.nshares, 1);
}

/* The C virtiofsd has no read-only option: a read-only share's command is the same, and
 * the launcher's spawn provides the read-only view (see test_launch_cli). */
static void test_virtiofsd_readonly_share(void **state)
{
	static const char *const want[] = {
		"/usr/lib/qemu/virtiofsd",
		"--socket-path=/run/user/0/rosetta-launch.abc123/vfs1.sock",
		"-o",
		"source=/srv/x86",
		"-o",
		"sandbox=chroot",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;

	(void)state;
	setup_plan(&cfg, &plan, "/srv/x86");
	cfg.root_ro = true;
	assert_int_equal(launch_plan_shares(&plan, &cfg), 0);
	assert_true(plan.share[1].ro);
	launch_argv_init(&a);
	assert_int_equal(launch_virtiofsd_argv(&a, plan.virtiofsd, &plan.share[1]), 0);
	assert_argv(&a, want);
	launch_argv_free(&a);
}

static void test_virtiofsd(void **state)
{
	static const char *const want[] = {
		"/usr/lib/qemu/virtiofsd",
		"--socket-path=/run/user/0/rosetta-launch.abc123/vfs1.sock",
		"-o",
		"source=/srv/x86",
		"-o",
		"sandbox=chroot",
		NULL,
	};
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;

	(void)state;
	setup_plan(&cfg, &plan, "/srv/x86");
	launch_argv_init(&a);
	assert_int_equal(launch_virtiofsd_argv(&a, plan.virtiofsd, &plan.share[1]), 0);
	assert_argv(&a, want);
	launch_argv_free(&a);
}

/* virtiofsd splits -o at commas and takes a backslash as the escape. */
static void test_virtiofsd_escapes_source(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct launch_argv a;

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	strcpy(plan.share[0].dir, "/srv/a,b\\c");
	launch_argv_init(&a);
	assert_int_equal(launch_virtiofsd_argv(&a, plan.virtiofsd, &plan.share[0]), 0);
	assert_string_equal(a.v[3], "source=/srv/a\\,b\\\\c");
	launch_argv_free(&a);
}

static void test_plan_socket_too_long(void **state)
{
	struct launch_config cfg;
	struct launch_plan plan;
	struct error_record err = { 0 };
	char dir[200];

	(void)state;
	setup_plan(&cfg, &plan, NULL);
	memset(dir, 'd', sizeof(dir) - 1);
	dir[0] = '/';
	dir[sizeof(dir) - 1] = '\0';
	assert_int_equal(launch_plan_sockets(&plan, dir, &err), -ENAMETOOLONG);
	assert_non_null(strstr(err.msg[0].text, "XDG_RUNTIME_DIR"));
	assert_string_equal(launch_runtime_base("/run/user/1000"), "/run/user/1000");
	assert_string_equal(launch_runtime_base(NULL), "/tmp");
	assert_string_equal(launch_runtime_base(""), "/tmp");
	assert_string_equal(launch_runtime_base("relative"), "/tmp");
}

static void assert_quoted(const char *in, const char *want)
{
	char *out = NULL;

	assert_int_equal(launch_shell_quote(in, &out), 0);
	assert_string_equal(out, want);
	free(out);
}

static void test_shell_quote(void **state)
{
	char *v[] = { "/usr/bin/qemu", "-append", "a b", "it's", "" };
	char *line = NULL;

	(void)state;
	assert_quoted("/usr/bin/x-y_z.1", "/usr/bin/x-y_z.1");
	assert_quoted("size=1024M,share=on", "size=1024M,share=on");
	assert_quoted("a b", "'a b'");
	assert_quoted("", "''");
	assert_quoted("it's", "'it'\\''s'");
	assert_quoted("$HOME", "'$HOME'");
	assert_quoted("rosetta.entry=\"x\"", "'rosetta.entry=\"x\"'");
	assert_int_equal(launch_shell_join(v, 5, &line), 0);
	assert_string_equal(line, "/usr/bin/qemu -append 'a b' 'it'\\''s' ''");
	free(line);
}

static void assert_accel(enum launch_accel want, const char *machine, int probe, int r, bool kvm)
{
	struct error_record err = { 0 };
	bool got = !kvm;

	assert_int_equal(launch_choose_accel(want, machine, probe, &got, &err), r);
	assert_int_equal(got, kvm);
}

static void test_accel_choice(void **state)
{
	(void)state;
	assert_accel(LAUNCH_ACCEL_TCG, "aarch64", 0, 0, false);
	assert_accel(LAUNCH_ACCEL_AUTO, "aarch64", 0, 0, true);
	assert_accel(LAUNCH_ACCEL_AUTO, "aarch64", -EACCES, 0, false);
	assert_accel(LAUNCH_ACCEL_AUTO, "x86_64", 0, 0, false);
	assert_accel(LAUNCH_ACCEL_KVM, "aarch64", 0, 0, true);
	assert_accel(LAUNCH_ACCEL_KVM, "aarch64", -ENOENT, -ENOENT, false);
	assert_accel(LAUNCH_ACCEL_KVM, "x86_64", 0, -EOPNOTSUPP, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_tcg),
		cmocka_unit_test(test_qemu_kvm_sizes),
		cmocka_unit_test(test_qemu_root_share),
		cmocka_unit_test(test_qemu_custom_tag_and_comma),
		cmocka_unit_test(test_qemu_root_image_raw),
		cmocka_unit_test(test_qemu_root_image_qcow2_snapshot),
		cmocka_unit_test(test_qemu_root_image_readonly),
		cmocka_unit_test(test_qemu_no_disk_without_image),
		cmocka_unit_test(test_qemu_no_initrd),
		cmocka_unit_test(test_plan_extra_shares),
		cmocka_unit_test(test_plan_root_share_readonly),
		cmocka_unit_test(test_virtiofsd_readonly_share),
		cmocka_unit_test(test_virtiofsd),
		cmocka_unit_test(test_virtiofsd_escapes_source),
		cmocka_unit_test(test_plan_socket_too_long),
		cmocka_unit_test(test_shell_quote),
		cmocka_unit_test(test_accel_choice),
	};

	return cmocka_run_group_tests_name("launch_argv", tests, NULL, NULL);
}
