/* Interpreter file checks over files the test makes in a scratch directory:
 * each rule, the policy switches, and that a FIFO does not hang the check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/interp.h"
#include "tests/unit/scratch.h"
#include "tests/unit/scratch_elf.h"

#define IMAGE_SIZE 8192

static const struct interp_policy local = { .file = true, .elf = true }; /* no FUSE here */

/* Where the tests put the translator they check. */
#define TRANSLATOR "rosetta"

/* A valid static aarch64 executable image of size bytes, machine m, as rel. */
static void write_elf(struct scratch *s, const char *rel, size_t size, uint16_t machine,
		      mode_t mode)
{
	assert_int_equal(scratch_put_elf(s, rel, size, machine, mode), 0);
}

/* Open and check path; returns the rule broken (INTERP_OK: none, and
 * interp_check returned 0; a rule comes with a negative errno) or the
 * -errno of a file that could not be examined. */
static int check_path(const char *path, const struct interp_policy *p, struct interp_report *r)
{
	int fd = interp_open(path), err;

	memset(r, 0, sizeof(*r));
	if (fd < 0)
		return fd;
	err = interp_check(fd, p, r);
	close(fd);
	if (r->rule == INTERP_OK)
		return err;
	assert_true(err < 0);
	return (int)r->rule;
}

static void valid_translator_passes(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, TRANSLATOR);
	struct interp_report r;

	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0755);
	assert_int_equal(check_path(path, &local, &r), INTERP_OK);
	assert_int_equal(r.st.st_size, IMAGE_SIZE);
	assert_int_equal(r.elf, ELF_OK);
}

static void file_rules(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, TRANSLATOR);
	struct interp_report r;

	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0644);
	assert_int_equal(check_path(path, &local, &r), INTERP_NOT_EXECUTABLE);
	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0775);
	assert_int_equal(check_path(path, &local, &r), INTERP_SHARED_WRITABLE);
	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0757);
	assert_int_equal(check_path(path, &local, &r), INTERP_SHARED_WRITABLE);
	write_elf(s, TRANSLATOR, 1024, EM_AARCH64, 0755);
	assert_int_equal(check_path(path, &local, &r), INTERP_TOO_SMALL);
}

static void owner_other_than_root_on_writable_mount(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, TRANSLATOR);
	struct interp_report r;

	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0755);
	/* Needs root, as `make check` does; fails with the reason otherwise. */
	assert_int_equal(chown(path, 1000, 1000), 0);
	assert_int_equal(check_path(path, &local, &r), INTERP_GUEST_WRITABLE);
	assert_false(r.read_only);
}

static void not_regular_files(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, TRANSLATOR);
	struct interp_report r;
	const char *target = scratch_path(s, "real");

	assert_int_equal(check_path(s->dir, &local, &r), INTERP_NOT_REGULAR);
	assert_int_equal(mkfifo(path, 0755), 0);
	assert_int_equal(check_path(path, &local, &r), INTERP_NOT_REGULAR); /* no hang */
	unlink(path);
	write_elf(s, "real", IMAGE_SIZE, EM_AARCH64, 0755);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(check_path(path, &local, &r), -ELOOP);
	unlink(path);
	assert_int_equal(check_path(path, &local, &r), -ENOENT);
}

static void elf_rules_pass_through(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, TRANSLATOR);
	struct interp_report r;

	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_X86_64, 0755);
	assert_int_equal(check_path(path, &local, &r), INTERP_BAD_ELF);
	assert_int_equal(r.elf, ELF_WRONG_MACHINE);
	assert_int_equal(r.facts.machine, EM_X86_64);

	assert_int_equal(scratch_put(s, TRANSLATOR, "#!/bin/sh\nexec qemu-x86_64 \"$@\"\n", 0755),
			 0);
	assert_int_equal(check_path(path, &local, &r), INTERP_BAD_ELF);
	assert_int_equal(r.elf, ELF_NOT_ELF);
}

static void policies_switch_checks(void **state)
{
	static const struct interp_policy strict = { .file = true, .fuse = true, .elf = true };
	static const struct interp_policy elf_only = { .elf = true };
	static const struct interp_policy off = { 0 };
	struct scratch *s = *state;
	const char *path = scratch_path(s, TRANSLATOR);
	struct interp_report r;

	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0777);
	assert_int_equal(check_path(path, &elf_only, &r), INTERP_OK);
	assert_int_equal(check_path(path, &strict, &r), INTERP_SHARED_WRITABLE);
	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_AARCH64, 0755);
	assert_int_equal(check_path(path, &strict, &r), INTERP_NOT_FUSE); /* /tmp */
	write_elf(s, TRANSLATOR, IMAGE_SIZE, EM_X86_64, 0777);
	assert_int_equal(check_path(path, &off, &r), INTERP_OK);
	assert_int_equal(check_path(s->dir, &off, &r), INTERP_NOT_REGULAR);
}

static void every_rule_has_a_message(void **state)
{
	(void)state;
	for (int rule = INTERP_OK; rule <= INTERP_TOO_LARGE; rule++)
		assert_string_not_equal(interp_rule_str((enum interp_rule)rule),
					"breaks an unknown rule");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(valid_translator_passes, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(file_rules, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(owner_other_than_root_on_writable_mount,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(not_regular_files, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(elf_rules_pass_through, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(policies_switch_checks, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(every_rule_has_a_message),
	};

	return cmocka_run_group_tests_name("binfmt_interp", tests, NULL, NULL);
}
