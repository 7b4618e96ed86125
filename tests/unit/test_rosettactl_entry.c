/*
 * rosettactl's checks of the binfmt_misc entry, each failed by a fixture tree made to fail
 * it and passed by the healthy one: binfmt_misc mounted and on, the entry registered and
 * enabled, kept by a binfmt.d file where systemd-binfmt is, its interpreter there and the
 * share's translator, its flags C, P and F, and no rival taking x86-64 programs.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/entry.h"
#include "lib/fs.h"
#include "tests/unit/rosettactl_fixture.h"
#include "tools/rosettactl/owner.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void binfmt_misc_passes_when_mounted(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_binfmt_misc, RCTL_OK);
}

static void binfmt_misc_fails_unmounted(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_mountinfo(fx, "1 0 8:1 / / rw - ext4 /dev/vda rw\n"
				   "20 1 0:20 / /proc rw - proc proc rw\n");
	rctl_fixture_expect(fx, &rctl_check_binfmt_misc, RCTL_FAILED);
}

static void binfmt_misc_fails_when_off(void **state)
{
	struct rctl_fixture *fx = *state;

	assert_int_equal(scratch_put(&fx->s, "proc/sys/fs/binfmt_misc/status", "disabled\n", 0644),
			 0);
	rctl_fixture_expect(fx, &rctl_check_binfmt_misc, RCTL_FAILED);
}

static void entry_passes_when_enabled(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_entry, RCTL_OK);
}

static void entry_fails_when_missing(void **state)
{
	struct rctl_fixture *fx = *state;

	assert_int_equal(unlink(scratch_path(&fx->s, "proc/sys/fs/binfmt_misc/rosetta")), 0);
	rctl_fixture_expect(fx, &rctl_check_entry, RCTL_FAILED);
	/* What depends on it says so rather than fail again. */
	rctl_fixture_expect(fx, &rctl_check_interpreter, RCTL_SKIPPED);
	rctl_fixture_expect(fx, &rctl_check_flag_C, RCTL_SKIPPED);
}

static void entry_fails_when_disabled(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", false, "/run/rosetta/rosetta", "POCF");
	rctl_fixture_expect(fx, &rctl_check_entry, RCTL_FAILED);
}

/* Another name, from rosetta.binfmt.name. */
static void entry_follows_the_configured_name(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_cmdline(fx, "rosetta.verify=elf rosetta.binfmt.name=rosetta-x86");
	rctl_fixture_expect(fx, &rctl_check_entry, RCTL_FAILED);
	rctl_fixture_entry(fx, "rosetta-x86", true, "/run/rosetta/rosetta", "POCF");
	rctl_fixture_expect(fx, &rctl_check_entry, RCTL_OK);
}

static void put_systemd_binfmt(struct rctl_fixture *fx)
{
	assert_int_equal(make_dirs(scratch_path(&fx->s, "usr/lib/systemd"), 0755), 0);
	assert_int_equal(scratch_put(&fx->s, "usr/lib/systemd/systemd-binfmt", "", 0755), 0);
}

static void entry_owned_passes_without_systemd_binfmt(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_entry_owned, RCTL_OK);
}

static void entry_owned_warns_without_binfmt_d_file(void **state)
{
	struct rctl_fixture *fx = *state;

	put_systemd_binfmt(fx);
	rctl_fixture_expect(fx, &rctl_check_entry_owned, RCTL_WARNING);
}

static void entry_owned_passes_with_binfmt_d_file(void **state)
{
	struct rctl_fixture *fx = *state;
	struct binfmt_entry e;
	char line[2 * BINFMT_PATH_MAX];
	struct rctl_finding f;
	int len;

	put_systemd_binfmt(fx);
	assert_int_equal(binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "POCF"), 0);
	len = binfmt_entry_format(&e, line, sizeof(line) - 1);
	assert_true(len > 0);
	line[len] = '\n';
	line[len + 1] = '\0';
	assert_int_equal(make_dirs(scratch_path(&fx->s, "etc/binfmt.d"), 0755), 0);
	assert_int_equal(scratch_put(&fx->s, "etc/binfmt.d/rosetta.conf", line, 0644), 0);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_entry_owned, &f), RCTL_OK);
	assert_non_null(strstr(f.evidence, "/etc/binfmt.d/rosetta.conf"));
}

static void entry_owned_passes_with_the_activate_unit(void **state)
{
	struct rctl_fixture *fx = *state;
	const char *wants = "etc/systemd/system/sysinit.target.wants";
	struct rctl_finding f;

	put_systemd_binfmt(fx);
	assert_int_equal(make_dirs(scratch_path(&fx->s, wants), 0755), 0);
	assert_int_equal(
	    symlink("/usr/lib/systemd/system/" RCTL_ACTIVATE_UNIT,
		    scratch_path(&fx->s,
				 "etc/systemd/system/sysinit.target.wants/" RCTL_ACTIVATE_UNIT)),
	    0);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_entry_owned, &f), RCTL_OK);
	assert_non_null(strstr(f.evidence, RCTL_ACTIVATE_UNIT));
}

static void interpreter_passes_on_the_share(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	assert_int_equal(rctl_fixture_check(fx, &rctl_check_interpreter, &f), RCTL_OK);
	assert_non_null(strstr(f.evidence, "the share's translator"));
}

/* Registered without F before the share was mounted: every exec fails. */
static void interpreter_fails_when_missing(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", true, "/run/rosetta-late/rosetta", "POC");
	rctl_fixture_expect(fx, &rctl_check_interpreter, RCTL_FAILED);
	/* With F the kernel holds the file it opened: a warning. */
	rctl_fixture_entry(fx, "rosetta", true, "/run/rosetta-late/rosetta", "POCF");
	rctl_fixture_expect(fx, &rctl_check_interpreter, RCTL_WARNING);
}

static void interpreter_warns_on_another_file(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", true, "/lib64/ld-linux-x86-64.so.2", "POCF");
	rctl_fixture_expect(fx, &rctl_check_interpreter, RCTL_WARNING);
}

static void flags_pass_with_POCF(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_expect(fx, &rctl_check_flag_C, RCTL_OK);
	rctl_fixture_expect(fx, &rctl_check_flag_P, RCTL_OK);
	rctl_fixture_expect(fx, &rctl_check_flag_F, RCTL_OK);
}

static void flag_C_fails_without_it(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", true, "/run/rosetta/rosetta", "PF");
	rctl_fixture_expect(fx, &rctl_check_flag_C, RCTL_FAILED);
	rctl_fixture_expect(fx, &rctl_check_flag_P, RCTL_OK);
	rctl_fixture_expect(fx, &rctl_check_flag_F, RCTL_OK);
}

/* macOS 13's Rosetta wants P off: a warning, not a failure. */
static void flag_P_warns_without_it(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", true, "/run/rosetta/rosetta", "OCF");
	rctl_fixture_expect(fx, &rctl_check_flag_P, RCTL_WARNING);
	rctl_fixture_expect(fx, &rctl_check_flag_C, RCTL_OK);
}

static void flag_F_fails_without_it(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", true, "/run/rosetta/rosetta", "POC");
	rctl_fixture_expect(fx, &rctl_check_flag_F, RCTL_FAILED);
}

static void rivals_pass_when_ours_runs(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "qemu-x86_64", false, "/usr/libexec/qemu-binfmt/x86_64-binfmt-P",
			   "POCF");
	rctl_fixture_expect(fx, &rctl_check_rivals, RCTL_OK);
}

static void rivals_fail_when_another_runs(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	rctl_fixture_entry(fx, "rosetta", false, "/run/rosetta/rosetta", "POCF");
	rctl_fixture_entry(fx, "qemu-x86_64", true, "/usr/libexec/qemu-binfmt/x86_64-binfmt-P",
			   "POCF");
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_rivals, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "qemu-x86_64"));
}

static void rivals_skip_without_any_handler(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_entry(fx, "rosetta", false, "/run/rosetta/rosetta", "POCF");
	rctl_fixture_expect(fx, &rctl_check_rivals, RCTL_SKIPPED);
}

#define T(name) cmocka_unit_test_setup_teardown(name, rctl_fixture_setup, rctl_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(binfmt_misc_passes_when_mounted),
		T(binfmt_misc_fails_unmounted),
		T(binfmt_misc_fails_when_off),
		T(entry_passes_when_enabled),
		T(entry_fails_when_missing),
		T(entry_fails_when_disabled),
		T(entry_follows_the_configured_name),
		T(entry_owned_passes_without_systemd_binfmt),
		T(entry_owned_warns_without_binfmt_d_file),
		T(entry_owned_passes_with_binfmt_d_file),
		T(entry_owned_passes_with_the_activate_unit),
		T(interpreter_passes_on_the_share),
		T(interpreter_fails_when_missing),
		T(interpreter_warns_on_another_file),
		T(flags_pass_with_POCF),
		T(flag_C_fails_without_it),
		T(flag_P_warns_without_it),
		T(flag_F_fails_without_it),
		T(rivals_pass_when_ours_runs),
		T(rivals_fail_when_another_runs),
		T(rivals_skip_without_any_handler),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
