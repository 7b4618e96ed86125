/* libbinfmt entry model: the Rosetta entry, flags, the register string and
 * the kernel's status file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "binfmt/entry.h"

/* The Rosetta register line (docs/binfmtctl.1), with flags CFP in kernel order. */
static const char rosetta_line[] =
    ":rosetta:M:0:"
    "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
    "\\x02\\x00\\x3e\\x00:"
    "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
    "\\xfe\\xff\\xff\\xff:/run/rosetta/rosetta:POCF";

/* What 6.1 prints for that entry (magic stored as given). */
static const char rosetta_status[] = "enabled\n"
				     "interpreter /run/rosetta/rosetta\n"
				     "flags: POCF\n"
				     "offset 0\n"
				     "magic 7f454c460201010000000000000000000200 3e00\n";

static void rosetta_entry_formats_as_documented(void **state)
{
	struct binfmt_entry e;
	char line[1024];

	(void)state;
	assert_int_equal(binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP"), 0);
	assert_int_equal(binfmt_entry_format(&e, line, sizeof(line)), (int)strlen(rosetta_line));
	assert_string_equal(line, rosetta_line);
}

static void flags_normalize_to_kernel_order(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(binfmt_flags_normalize("CFP", out), 0);
	assert_string_equal(out, "POCF");
	assert_int_equal(binfmt_flags_normalize("CF", out), 0);
	assert_string_equal(out, "OCF");
	assert_int_equal(binfmt_flags_normalize("", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(binfmt_flags_normalize("PX", out), -EINVAL);
	assert_int_equal(binfmt_flags_normalize("p", out), -EINVAL);
}

static void rosetta_entry_refuses_bad_input(void **state)
{
	struct binfmt_entry e;
	char line[64];
	char long_path[BINFMT_PATH_MAX + 1];

	(void)state;
	assert_int_equal(binfmt_entry_rosetta(&e, "a/b", "/x", "F"), -EINVAL);
	assert_int_equal(binfmt_entry_rosetta(&e, "", "/x", "F"), -EINVAL);
	assert_int_equal(binfmt_entry_rosetta(&e, "x", "/x", "FZ"), -EINVAL);
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[sizeof(long_path) - 1] = '\0';
	assert_int_equal(binfmt_entry_rosetta(&e, "x", long_path, "F"), -ENAMETOOLONG);
	/* The serializer moves to another delimiter (see test_binfmt_parse.c)
	 * and gives up only when the interpreter holds every one of them. */
	assert_int_equal(binfmt_entry_rosetta(&e, "x", "/a:b,c|d#e!f", "F"), 0);
	assert_int_equal(binfmt_entry_format(&e, line, sizeof(line)), -EINVAL);
	assert_int_equal(binfmt_entry_rosetta(&e, "x", "/x", "F"), 0);
	assert_int_equal(binfmt_entry_format(&e, line, sizeof(line)), -ENAMETOOLONG);
}

static void status_parses_and_matches(void **state)
{
	static const char text[] = "enabled\n"
				   "interpreter /run/rosetta/rosetta\n"
				   "flags: POCF\n"
				   "offset 0\n"
				   "magic 7f454c4602010100000000000000000002003e00\n"
				   "mask fffffffffffefe00fffffffffffffffffeffffff\n";
	struct binfmt_status st;
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_true(st.enabled);
	assert_string_equal(st.interpreter, "/run/rosetta/rosetta");
	assert_string_equal(st.flags, "POCF");
	assert_int_equal(st.magic_len, 20);
	assert_int_equal(st.mask_len, 20);
	assert_int_equal(st.magic[18], 0x3e);
	assert_int_equal(st.mask[5], 0xfe);
	binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP");
	assert_true(binfmt_status_matches(&st, &e));

	/* Same entry, other flags / interpreter / disabled: not a match. */
	binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CF");
	assert_false(binfmt_status_matches(&st, &e));
	binfmt_entry_rosetta(&e, "rosetta", "/mnt/rosetta/rosetta", "CFP");
	assert_false(binfmt_status_matches(&st, &e));
	binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP");
	st.enabled = false;
	assert_false(binfmt_status_matches(&st, &e));
}

static void status_with_premasked_magic_matches(void **state)
{
	/* Kernels that store magic & mask report bytes 5 and 6 as 00. */
	static const char text[] = "enabled\n"
				   "interpreter /run/rosetta/rosetta\n"
				   "flags: POCF\n"
				   "offset 0\n"
				   "magic 7f454c4602000000000000000000000002003e00\n"
				   "mask fffffffffffefe00fffffffffffffffffeffffff\n";
	struct binfmt_status st;
	struct binfmt_entry e;

	(void)state;
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP");
	assert_true(binfmt_status_matches(&st, &e));
	st.magic[18] = 0x28; /* EM_ARM: a different handler */
	assert_false(binfmt_status_matches(&st, &e));
}

static void status_rejects_garbage(void **state)
{
	struct binfmt_status st;

	(void)state;
	assert_int_equal(binfmt_status_parse(rosetta_status, &st), -EINVAL); /* space in hex */
	assert_int_equal(binfmt_status_parse("enabled\nbogus line\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("magic 7f4\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("magic zz\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("disabled\nextension .exe\n", &st), 0);
	assert_false(st.enabled);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rosetta_entry_formats_as_documented),
		cmocka_unit_test(flags_normalize_to_kernel_order),
		cmocka_unit_test(rosetta_entry_refuses_bad_input),
		cmocka_unit_test(status_parses_and_matches),
		cmocka_unit_test(status_with_premasked_magic_matches),
		cmocka_unit_test(status_rejects_garbage),
	};

	return cmocka_run_group_tests_name("binfmt_entry", tests, NULL, NULL);
}
