/* The binfmt_misc directory operations binfmtctl builds on, against a
 * scratch directory laid out as the kernel lays out binfmt_misc: listing
 * (sorted, control files skipped), the global status, and finding the
 * entries that compete with one. The real filesystem is exercised by
 * tests/integration/test_binfmtctl.sh. */
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

#include <cmocka.h>

#include "binfmt/binfmtfs.h"
#include "tests/unit/scratch.h"

#define X86_MAGIC "magic 7f454c4602010100000000000000000002003e00\n"
#define X86_MASK  "mask fffffffffffefe00fffffffffffffffffeffffff\n"

static void put(struct scratch *s, const char *name, const char *text)
{
	assert_int_equal(scratch_put(s, name, text, 0644), 0);
}

/* A directory that looks like binfmt_misc holding rosetta, a competing
 * qemu-x86_64 (disabled), a competing box64 (enabled) and an unrelated
 * aarch64 entry. */
static int setup(void **state)
{
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	put(s, "register", "");
	put(s, "status", "enabled\n");
	put(s, "rosetta",
	    "enabled\ninterpreter /run/rosetta/rosetta\nflags: POCF\noffset 0\n" X86_MAGIC
		X86_MASK);
	put(s, "qemu-x86_64",
	    "disabled\ninterpreter /usr/bin/qemu-x86_64-static\nflags: F\noffset 0\n" X86_MAGIC
		X86_MASK);
	put(s, "box64", "enabled\ninterpreter /usr/bin/box64\nflags: \noffset 0\n" X86_MAGIC);
	put(s, "qemu-aarch64",
	    "enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: F\noffset 0\n"
	    "magic 7f454c460201010000000000000000000200b700\n"
	    "mask ffffffffffffff00fffffffffffffffffeffffff\n");
	return 0;
}

struct seen {
	char names[8][64];
	size_t n;
	size_t stop_at; /* return 99 at this call (1-based), 0 never */
};

static int note_name(void *arg, const char *name)
{
	struct seen *s = arg;

	if (s->n < 8)
		snprintf(s->names[s->n], sizeof(s->names[0]), "%s", name);
	s->n++;
	return s->n == s->stop_at ? 99 : 0;
}

static void test_list_sorted_without_control_files(void **state)
{
	const struct scratch *tmp = *state;
	struct seen s = { .n = 0 };

	assert_int_equal(binfmt_fs_list(tmp->dir, note_name, &s), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.names[0], "box64");
	assert_string_equal(s.names[1], "qemu-aarch64");
	assert_string_equal(s.names[2], "qemu-x86_64");
	assert_string_equal(s.names[3], "rosetta");
}

static void test_list_stops_on_callback(void **state)
{
	const struct scratch *tmp = *state;
	struct seen s = { .stop_at = 2 };

	assert_int_equal(binfmt_fs_list(tmp->dir, note_name, &s), 99);
	assert_int_equal(s.n, 2);
}

static void test_list_missing_dir(void **state)
{
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(binfmt_fs_list("/nonexistent/binfmt_misc", note_name, &s), -ENOENT);
}

static void test_global_status(void **state)
{
	struct scratch *s = *state;
	const char *dir = s->dir;

	assert_int_equal(binfmt_fs_global_status(dir), 1);
	assert_int_equal(binfmt_fs_global_control(dir, "0"), 0);
	/* A plain file keeps what was written; the kernel would say "disabled". */
	put(s, "status", "disabled\n");
	assert_int_equal(binfmt_fs_global_status(dir), 0);
	put(s, "status", "maybe\n");
	assert_int_equal(binfmt_fs_global_status(dir), -EINVAL);
	put(s, "status", "enabled\n");
	assert_int_equal(binfmt_fs_global_control(dir, "2"), -EINVAL);
	assert_int_equal(binfmt_fs_global_control(dir, "enable"), -EINVAL);
}

/* A plain directory is not binfmt_misc: nothing to mount over in a test. */
static void test_is_mounted(void **state)
{
	const struct scratch *s = *state;

	assert_int_equal(binfmt_fs_is_mounted(s->dir), 0);
	assert_int_equal(binfmt_fs_is_mounted("/nonexistent/binfmt_misc"), -ENOENT);
}

struct rivals {
	char names[4][BINFMT_NAME_MAX + 1];
	bool enabled[4];
	size_t n;
};

static int note_rival(void *arg, const struct binfmt_entry *other, bool enabled)
{
	struct rivals *r = arg;

	if (r->n < 4) {
		snprintf(r->names[r->n], sizeof(r->names[0]), "%s", other->name);
		r->enabled[r->n] = enabled;
	}
	r->n++;
	return 0;
}

static void test_conflicts_of_rosetta(void **state)
{
	const struct scratch *s = *state;
	struct binfmt_entry e;
	struct rivals r = { .n = 0 };

	assert_int_equal(binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP"), 0);
	assert_int_equal(binfmt_fs_conflicts(s->dir, &e, note_rival, &r), 0);
	assert_int_equal(r.n, 2); /* itself and qemu-aarch64 are not rivals */
	assert_string_equal(r.names[0], "box64");
	assert_true(r.enabled[0]);
	assert_string_equal(r.names[1], "qemu-x86_64");
	assert_false(r.enabled[1]);
}

static void test_conflicts_unreadable_entry(void **state)
{
	struct scratch *s = *state;
	struct binfmt_entry e;
	struct rivals r = { .n = 0 };

	assert_int_equal(binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP"), 0);
	put(s, "broken", "enabled\nnonsense\n");
	/* The walk goes on past it (rosetta-init still disables every rival it
	 * can read), then says that one entry could not be checked. */
	assert_int_equal(binfmt_fs_conflicts(s->dir, &e, note_rival, &r), -EINVAL);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.names[1], "qemu-x86_64");
	assert_int_equal(unlink(scratch_path(s, "broken")), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_sorted_without_control_files),
		cmocka_unit_test(test_list_stops_on_callback),
		cmocka_unit_test(test_list_missing_dir),
		cmocka_unit_test(test_global_status),
		cmocka_unit_test(test_is_mounted),
		cmocka_unit_test(test_conflicts_of_rosetta),
		cmocka_unit_test(test_conflicts_unreadable_entry),
	};

	return cmocka_run_group_tests_name("binfmtctl_fs", tests, setup, scratch_teardown);
}
