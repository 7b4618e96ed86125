/*
 * A healthy guest for rosettactl's checks, in a scratch directory; see rosettactl_fixture.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/fs.h"
#include "tests/unit/rosettactl_fixture.h"
#include "tests/unit/scratch_elf.h"

#include <cmocka.h>

#define IMAGE_SIZE 8192

static const char healthy_mounts[] =
    "1 0 8:1 / / rw,relatime - ext4 /dev/vda rw\n"
    "20 1 0:20 / /proc rw,nosuid,nodev,noexec - proc proc rw\n"
    "21 1 0:21 / /sys rw,nosuid,nodev,noexec - sysfs sysfs rw\n"
    "22 1 0:22 / /run rw,nosuid,nodev - tmpfs tmpfs rw\n"
    "30 22 0:30 / /run/rosetta ro,nosuid,nodev - virtiofs rosetta ro\n"
    "40 20 0:40 / /proc/sys/fs/binfmt_misc rw,nosuid,nodev,noexec - binfmt_misc binfmt_misc rw\n";

/* The magic and mask of an x86-64 ELF entry, as the kernel prints them. */
static const char x86_64_magic[] = "magic 7f454c4602010100000000000000000002003e00\n"
				   "mask fffffffffffefe00fffffffffffffffffeffffff\n";

/* Make the directory rel is in. */
static void parent(struct rctl_fixture *fx, const char *rel)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", scratch_path(&fx->s, rel));
	slash = strrchr(dir, '/');
	*slash = '\0';
	assert_int_equal(make_dirs(dir, 0755), 0);
}

static void put(struct rctl_fixture *fx, const char *rel, const char *text, mode_t mode)
{
	parent(fx, rel);
	assert_int_equal(scratch_put(&fx->s, rel, text, mode), 0);
}

void rctl_fixture_translator(struct rctl_fixture *fx, unsigned int machine, unsigned int mode)
{
	parent(fx, "run/rosetta/rosetta");
	assert_int_equal(
	    scratch_put_elf(&fx->s, "run/rosetta/rosetta", IMAGE_SIZE, (uint16_t)machine, mode), 0);
}

void rctl_fixture_entry(struct rctl_fixture *fx, const char *name, bool enabled,
			const char *interpreter, const char *flags)
{
	char rel[PATH_MAX], text[1024];

	snprintf(rel, sizeof(rel), "proc/sys/fs/binfmt_misc/%s", name);
	snprintf(text, sizeof(text), "%s\ninterpreter %s\nflags: %s\noffset 0\n%s",
		 enabled ? "enabled" : "disabled", interpreter, flags, x86_64_magic);
	put(fx, rel, text, 0644);
}

void rctl_fixture_auxv(struct rctl_fixture *fx, const unsigned long *pairs, size_t n)
{
	unsigned long v[2 * 16 + 2] = { 0 };

	assert_true(n <= 16);
	memcpy(v, pairs, 2 * n * sizeof(*v));
	parent(fx, "proc/self/auxv");
	assert_int_equal(scratch_write(&fx->s, "proc/self/auxv", v, (2 * n + 2) * sizeof(*v), 0644),
			 0);
}

void rctl_fixture_mountinfo(struct rctl_fixture *fx, const char *lines)
{
	put(fx, "proc/self/mountinfo", lines, 0644);
}

void rctl_fixture_mounts_with(struct rctl_fixture *fx, const char *extra)
{
	char text[4096];

	snprintf(text, sizeof(text), "%s%s", healthy_mounts, extra);
	rctl_fixture_mountinfo(fx, text);
}

void rctl_fixture_reload(struct rctl_fixture *fx)
{
	struct rctl_probes keep = fx->t.probes;
	struct rctl_where w = { .root = fx->s.dir };
	struct error_record e;

	error_init(&e);
	if (rctl_target_init(&fx->t, &w, &e) < 0)
		fail_msg("rctl_target_init: %s", e.msg[0].text);
	fx->t.probes = keep;
}

void rctl_fixture_cmdline(struct rctl_fixture *fx, const char *cmdline)
{
	put(fx, "proc/cmdline", cmdline, 0644);
	rctl_fixture_reload(fx);
}

/* A healthy arm64 kernel's answers. */
static void healthy_probes(struct rctl_probes *p)
{
	memset(p, 0, sizeof(*p));
	p->done = true;
	snprintf(p->release, sizeof(p->release), "6.1.0");
	snprintf(p->machine, sizeof(p->machine), "aarch64");
	p->va_bits = 48;
	p->tso = RCTL_TSO_PRESENT;
	p->vdso_err = -ENOENT;
}

static void make_tree(struct rctl_fixture *fx)
{
	static const unsigned long auxv[] = { AT_PAGESZ, 4096, AT_HWCAP, 0xff };

	rctl_fixture_mountinfo(fx, healthy_mounts);
	/* ELF checks only: the tree is the test's user's, not root's. */
	put(fx, "proc/cmdline", "console=hvc0 rosetta.verify=elf\n", 0644);
	put(fx, "proc/sys/fs/binfmt_misc/status", "enabled\n", 0644);
	put(fx, "proc/self/comm", "rosettactl\n", 0644);
	assert_int_equal(symlink("/usr/sbin/rosettactl", scratch_path(&fx->s, "proc/self/exe")), 0);
	rctl_fixture_auxv(fx, auxv, 2);
	put(fx, "sys/bus/virtio/devices/virtio0/device", "0x001a\n", 0644);
	put(fx, "sys/fs/virtiofs/0/tag", "rosetta\n", 0644);
	put(fx, "run/rosetta/.keep", "", 0644);
	rctl_fixture_translator(fx, EM_AARCH64, 0755);
	rctl_fixture_entry(fx, "rosetta", true, "/run/rosetta/rosetta", "POCF");
	put(fx, "lib64/ld-linux-x86-64.so.2",
	    "\x7f"
	    "ELF",
	    0755);
}

int rctl_fixture_setup(void **state)
{
	struct rctl_fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || scratch_make(&fx->s) < 0) {
		free(fx);
		return -1;
	}
	*state = fx;
	make_tree(fx);
	healthy_probes(&fx->t.probes);
	rctl_fixture_reload(fx);
	return 0;
}

int rctl_fixture_teardown(void **state)
{
	struct rctl_fixture *fx = *state;
	int r = scratch_remove(&fx->s);

	free(fx);
	return r < 0 ? -1 : 0;
}

enum rctl_verdict rctl_fixture_check(struct rctl_fixture *fx, const struct rctl_check *c,
				     struct rctl_finding *f)
{
	memset(f, 0, sizeof(*f));
	return c->run(&fx->t, f);
}

void rctl_fixture_expect(struct rctl_fixture *fx, const struct rctl_check *c,
			 enum rctl_verdict want)
{
	struct rctl_finding f;
	enum rctl_verdict v = rctl_fixture_check(fx, c, &f);

	if (v != want)
		fail_msg("%s: %s, expected %s: %s", c->name, rctl_verdict_name(v),
			 rctl_verdict_name(want), f.evidence);
	if (v == RCTL_FAILED || v == RCTL_WARNING)
		assert_non_null(f.remedy);
	assert_true(f.evidence[0] != '\0');
}
