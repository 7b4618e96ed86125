/* Status files of entries at the kernel's limits (Linux 6.1 takes a name of
 * 255 bytes, an interpreter and an extension as long as the 1920-byte
 * register string allows, offset + magic up to 256 bytes): each is read
 * whole and turns into an entry; and a status with a line that cannot be
 * read still gives what can be. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/entry.h"

/* The rule binfmt_entry_validate() names, BINFMT_OK when it accepts e: a
 * rule comes with a negative errno, acceptance with 0. */
static enum binfmt_error validate(const struct binfmt_entry *e)
{
	struct binfmt_rule rule;
	int r = binfmt_entry_validate(e, &rule);

	assert_true(r < 0 ? rule.broken != BINFMT_OK : r == 0 && rule.broken == BINFMT_OK);
	return rule.broken;
}

/* The rule binfmt_entry_parse() names, BINFMT_OK when it accepts line: a
 * rule comes with a negative errno, acceptance with 0. */
static enum binfmt_error parse_len(const char *line, size_t len, struct binfmt_entry *e)
{
	struct binfmt_rule rule;
	int r = binfmt_entry_parse(line, len, e, &rule);

	assert_true(r < 0 ? rule.broken != BINFMT_OK : r == 0 && rule.broken == BINFMT_OK);
	return rule.broken;
}

/* A string of n copies of c, in a static buffer of the caller's. */
static char *fill(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

static void long_name_and_interpreter(void **state)
{
	static char name[300], interp[1200], text[1400];
	struct binfmt_status st;
	struct binfmt_entry e;

	(void)state;
	interp[0] = '/';
	fill(interp + 1, 'i', 1099);
	snprintf(text, sizeof(text), "enabled\ninterpreter %s\nflags: F\noffset 200\nmagic dead\n",
		 interp);
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_string_equal(st.interpreter, interp);
	assert_int_equal(st.offset, 200);
	assert_int_equal(binfmt_status_to_entry(&st, fill(name, 'n', 255), &e), 0);
	assert_string_equal(e.name, name);
	assert_string_equal(e.interpreter, interp);
	assert_int_equal(validate(&e), 0);
	assert_true(binfmt_status_matches(&st, &e));
	/* The kernel refuses names past NAME_MAX, and so do we. */
	assert_int_equal(binfmt_status_to_entry(&st, fill(name, 'n', 256), &e), -EINVAL);
}

static void magic_up_to_256_bytes(void **state)
{
	static char hex[2 * 256 + 1], text[700];
	struct binfmt_status st;
	struct binfmt_entry e;

	(void)state;
	snprintf(text, sizeof(text),
		 "disabled\ninterpreter /bin/true\nflags: \noffset 56\nmagic %s\n",
		 fill(hex, 'e', 400));
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_int_equal(st.magic_len, 200);
	assert_int_equal(st.magic[199], 0xee);
	assert_int_equal(binfmt_status_to_entry(&st, "magic200", &e), 0);
	assert_int_equal(validate(&e), 0); /* 56 + 200 = BINPRM_BUF_SIZE */
	e.offset = 57;
	assert_int_equal(validate(&e), BINFMT_E_RANGE);

	snprintf(text, sizeof(text),
		 "enabled\ninterpreter /bin/true\nflags: \noffset 0\nmagic %s\n",
		 fill(hex, 'a', 512));
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_int_equal(st.magic_len, 256);
}

static void long_extension(void **state)
{
	static char ext[400], text[500];
	struct binfmt_status st;
	struct binfmt_entry e;

	(void)state;
	snprintf(text, sizeof(text), "enabled\ninterpreter /bin/true\nflags: \nextension .%s\n",
		 fill(ext, 'e', 300));
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_int_equal(st.type, 'E');
	assert_int_equal(st.magic_len, 300);
	assert_int_equal(binfmt_status_to_entry(&st, "ext300", &e), 0);
	assert_int_equal(validate(&e), 0);
	assert_true(binfmt_status_matches(&st, &e));
}

/* A line that cannot be read does not hide the others: the status is
 * refused as a whole (-EINVAL, no entry, no match) but what it says about
 * state, interpreter and flags is kept for showing. */
static void bad_lines_leave_the_rest(void **state)
{
	static char hex[2 * 300 + 1], text[800];
	struct binfmt_status st;
	struct binfmt_entry e;

	(void)state;
	snprintf(
	    text, sizeof(text),
	    "enabled\ninterpreter /usr/bin/x\nflags: OC\nsomething new 1\noffset 0\nmagic %s\n",
	    fill(hex, 'a', 600)); /* longer than BINPRM_BUF_SIZE allows */
	assert_int_equal(binfmt_status_parse(text, &st), -EINVAL);
	assert_int_equal(st.bad_lines, 2);
	assert_true(st.enabled);
	assert_string_equal(st.interpreter, "/usr/bin/x");
	assert_string_equal(st.flags, "OC");
	assert_int_equal(binfmt_status_to_entry(&st, "x", &e), -EINVAL);

	/* Only the unknown line is bad: the entry is complete, but a status we
	 * do not understand whole never matches an entry. */
	assert_int_equal(binfmt_status_parse("enabled\ninterpreter /i\nflags: \nfuture line\n"
					     "offset 0\nmagic 4142\n",
					     &st),
			 -EINVAL);
	assert_int_equal(st.bad_lines, 1);
	assert_int_equal(st.magic_len, 2);
	assert_int_equal(parse_len(":x:M::AB::/i:", 13, &e), 0);
	assert_false(binfmt_status_matches(&st, &e));
	st.bad_lines = 0;
	assert_true(binfmt_status_matches(&st, &e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(long_name_and_interpreter),
		cmocka_unit_test(magic_up_to_256_bytes),
		cmocka_unit_test(long_extension),
		cmocka_unit_test(bad_lines_leave_the_rest),
	};

	return cmocka_run_group_tests_name("binfmt_status", tests, NULL, NULL);
}
