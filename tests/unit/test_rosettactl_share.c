/*
 * rosettactl's checks of the share and the translator, each failed by a fixture tree made
 * to fail it and passed by the healthy one: the share attached and mounted under its tag,
 * on a read-only virtio-fs, a translator stage verify accepts, and one that runs.
 */
#include <elf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/rosettactl_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* The healthy table without the share. */
static const char no_share[] = "1 0 8:1 / / rw - ext4 /dev/vda rw\n"
			       "20 1 0:20 / /proc rw - proc proc rw\n";

static void share_passes_when_mounted(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_share, RCTL_OK);
}

static void share_fails_when_attached_unmounted(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	rctl_fixture_mountinfo(fx, no_share);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_share, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "attached but not mounted"));
}

static void share_fails_on_another_tag(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	rctl_fixture_mountinfo(fx, no_share);
	assert_int_equal(scratch_put(&fx->s, "sys/fs/virtiofs/0/tag", "vz-rosetta\n", 0644), 0);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_share, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "vz-rosetta"));
	assert_non_null(strstr(f.remedy, "rosetta.tag="));
	/* Told the right tag, it finds it attached. */
	rctl_fixture_cmdline(fx, "rosetta.tag=vz-rosetta");
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_share, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "attached but not mounted"));
}

static void share_fails_without_device(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	rctl_fixture_mountinfo(fx, no_share);
	assert_int_equal(scratch_remove_tree(scratch_path(&fx->s, "sys")), 0);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_share, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "no virtio-fs device"));
	assert_non_null(strstr(f.remedy, "VZLinuxRosettaDirectoryShare"));
}

static void share_warns_on_other_filesystem(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_mountinfo(fx, "1 0 8:1 / / rw - ext4 /dev/vda rw\n"
				   "30 1 0:30 / /run/rosetta ro - tmpfs tmpfs ro\n");
	rctl_fixture_expect(fx, &rctl_check_share, RCTL_WARNING);
}

static void share_fs_passes_read_only_virtiofs(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_share_fs, RCTL_OK);
}

static void share_fs_fails_off_fuse(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_mountinfo(fx, no_share);
	rctl_fixture_expect(fx, &rctl_check_share_fs, RCTL_FAILED);
}

static void share_fs_warns_when_writable(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_mountinfo(fx, "1 0 8:1 / / rw - ext4 /dev/vda rw\n"
				   "30 1 0:30 / /run/rosetta rw - virtiofs rosetta rw\n");
	rctl_fixture_expect(fx, &rctl_check_share_fs, RCTL_WARNING);
}

static void translator_passes_static_aarch64(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_translator, RCTL_OK);
}

static void translator_fails_on_x86_64_elf(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	rctl_fixture_translator(fx, EM_X86_64, 0755);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_translator, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "x86-64"));
}

static void translator_fails_when_missing(void **state)
{
	struct rctl_fixture *fx = *state;

	assert_int_equal(unlink(scratch_path(&fx->s, "run/rosetta/rosetta")), 0);
	rctl_fixture_expect(fx, &rctl_check_translator, RCTL_FAILED);
	rctl_fixture_expect(fx, &rctl_check_share_fs, RCTL_SKIPPED);
	rctl_fixture_expect(fx, &rctl_check_translator_runs, RCTL_SKIPPED);
}

/* rosetta.verify=strict judges the file too: writable by others is refused. */
static void translator_fails_strict_file_rules(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_translator(fx, EM_AARCH64, 0777);
	rctl_fixture_expect(fx, &rctl_check_translator, RCTL_OK); /* rosetta.verify=elf */
	rctl_fixture_cmdline(fx, "rosetta.verify=strict");
	rctl_fixture_expect(fx, &rctl_check_translator, RCTL_FAILED);
}

/* The translator the sandbox runs: the test program fake-translator (build/test/), which
 * prints the self-test line when run without arguments, or a script. The sandbox runs it
 * as nobody when the test is root: every directory on the way must be open to others. */
static void install_runnable(struct rctl_fixture *fx, const char *script)
{
	char self[PATH_MAX], cmd[3 * PATH_MAX];
	const char *dest = scratch_path(&fx->s, "run/rosetta/rosetta");
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	assert_true(n > 0);
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	assert_int_equal(chmod(fx->s.dir, 0755), 0);
	if (script) {
		assert_int_equal(scratch_put(&fx->s, "run/rosetta/rosetta", script, 0755), 0);
		return;
	}
	snprintf(cmd, sizeof(cmd), "install -m 0755 %s/../test/fake-translator %s", self, dest);
	if (system(cmd) != 0)
		fail_msg("no %s/../test/fake-translator (built by make test-progs)", self);
}

static void translator_runs_passes_when_it_runs(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	install_runnable(fx, NULL);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_translator_runs, &f), RCTL_OK);
	assert_non_null(strstr(f.evidence, "rosetta-selftest"));
}

static void translator_runs_fails_on_refusal(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	install_runnable(fx, "#!/bin/sh\n"
			     "echo 'Rosetta is only intended to run on Apple Silicon' >&2\n"
			     "kill -ABRT $$\n");
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_translator_runs, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "only intended to run on Apple Silicon"));
	assert_non_null(strstr(f.evidence, "signal 6"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, rctl_fixture_setup, rctl_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(share_passes_when_mounted),
		T(share_fails_when_attached_unmounted),
		T(share_fails_on_another_tag),
		T(share_fails_without_device),
		T(share_warns_on_other_filesystem),
		T(share_fs_passes_read_only_virtiofs),
		T(share_fs_fails_off_fuse),
		T(share_fs_warns_when_writable),
		T(translator_passes_static_aarch64),
		T(translator_fails_on_x86_64_elf),
		T(translator_fails_when_missing),
		T(translator_fails_strict_file_rules),
		T(translator_runs_passes_when_it_runs),
		T(translator_runs_fails_on_refusal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
