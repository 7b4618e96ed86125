/* libbinfmt entry validation, one rule at a time on entries built in
 * memory, and the phrase each rule is reported with. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "binfmt/entry.h"
#include "lib/array_size.h"

/* The rule binfmt_entry_validate() names, BINFMT_OK when it accepts e: a
 * rule comes with a negative errno, acceptance with 0. */
static enum binfmt_error validate(const struct binfmt_entry *e)
{
	struct binfmt_rule rule;
	int r = binfmt_entry_validate(e, &rule);

	assert_true(r < 0 ? rule.broken != BINFMT_OK : r == 0 && rule.broken == BINFMT_OK);
	return rule.broken;
}

/* A valid M entry: the Rosetta one. */
static struct binfmt_entry good_m(void)
{
	struct binfmt_entry e;

	assert_int_equal(binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CF"), 0);
	return e;
}

static struct binfmt_entry good_e(void)
{
	struct binfmt_entry e;

	memset(&e, 0, sizeof(e));
	snprintf(e.name, sizeof(e.name), "%s", "wine");
	e.type = 'E';
	memcpy(e.magic, "exe", 3);
	e.magic_len = 3;
	snprintf(e.interpreter, sizeof(e.interpreter), "%s", "/usr/bin/wine");
	return e;
}

static void valid_entries_pass(void **state)
{
	struct binfmt_entry m = good_m(), x = good_e();

	(void)state;
	assert_int_equal(validate(&m), 0);
	assert_int_equal(validate(&x), 0);
	m.mask_len = 0; /* no mask: exact match */
	assert_int_equal(validate(&m), 0);
}

static void name_rules(void **state)
{
	static const char *const bad[] = { "", ".", "..", "register", "status", "a/b", "/" };
	struct binfmt_entry e = good_m();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(e.name, sizeof(e.name), "%s", bad[i]);
		assert_int_equal(validate(&e), BINFMT_E_NAME);
	}
	memset(e.name, 'n', sizeof(e.name)); /* not terminated */
	assert_int_equal(validate(&e), BINFMT_E_NAME);
	snprintf(e.name, sizeof(e.name), "%s", "registered");
	assert_int_equal(validate(&e), 0);
}

static void type_rule(void **state)
{
	struct binfmt_entry e = good_m();

	(void)state;
	e.type = 'X';
	assert_int_equal(validate(&e), BINFMT_E_TYPE);
	e.type = '\0';
	assert_int_equal(validate(&e), BINFMT_E_TYPE);
}

static void magic_rules(void **state)
{
	struct binfmt_entry e = good_m();

	(void)state;
	e.magic_len = 0;
	e.mask_len = 0;
	assert_int_equal(validate(&e), BINFMT_E_MAGIC_EMPTY);
	e.magic_len = BINFMT_MAGIC_MAX + 1;
	assert_int_equal(validate(&e), BINFMT_E_MAGIC_LONG);
	e = good_m();
	e.mask_len = 19;
	assert_int_equal(validate(&e), BINFMT_E_MASK_LENGTH);
}

static void range_rule(void **state)
{
	struct binfmt_entry e = good_m();

	(void)state;
	e.offset = BINFMT_MAGIC_MAX - 20;
	assert_int_equal(validate(&e), 0);
	e.offset++;
	assert_int_equal(validate(&e), BINFMT_E_RANGE);
	e.offset = 0xffffffffu; /* no wrap-around */
	assert_int_equal(validate(&e), BINFMT_E_RANGE);
}

static void extension_rules(void **state)
{
	struct binfmt_entry e = good_e();

	(void)state;
	e.mask_len = 3;
	assert_int_equal(validate(&e), BINFMT_E_EXTENSION);
	e = good_e();
	e.offset = 1;
	assert_int_equal(validate(&e), BINFMT_E_EXTENSION);
	e = good_e();
	e.magic[1] = '/';
	assert_int_equal(validate(&e), BINFMT_E_EXTENSION);
	e.magic[1] = '\0'; /* the kernel keeps the extension as a C string */
	assert_int_equal(validate(&e), BINFMT_E_EXTENSION);
	e.magic_len = 0;
	assert_int_equal(validate(&e), BINFMT_E_MAGIC_EMPTY);
}

static void interpreter_rule(void **state)
{
	struct binfmt_entry e = good_m();

	(void)state;
	snprintf(e.interpreter, sizeof(e.interpreter), "%s", "rosetta");
	assert_int_equal(validate(&e), BINFMT_E_INTERPRETER);
	snprintf(e.interpreter, sizeof(e.interpreter), "%s", "");
	assert_int_equal(validate(&e), BINFMT_E_INTERPRETER);
	memset(e.interpreter, '/', sizeof(e.interpreter)); /* not terminated */
	assert_int_equal(validate(&e), BINFMT_E_INTERPRETER);
}

static void flags_rule(void **state)
{
	struct binfmt_entry e = good_m();

	(void)state;
	snprintf(e.flags, sizeof(e.flags), "%s", "PX");
	assert_int_equal(validate(&e), BINFMT_E_FLAGS);
	snprintf(e.flags, sizeof(e.flags), "%s", "o");
	assert_int_equal(validate(&e), BINFMT_E_FLAGS);
	snprintf(e.flags, sizeof(e.flags), "%s", "CF"); /* valid letters, not normalized: fine */
	assert_int_equal(validate(&e), 0);
}

/* Valid field by field, but its register string would pass 1920 bytes. */
static void serializable_rule(void **state)
{
	struct binfmt_entry e = good_m();

	(void)state;
	e.magic_len = e.mask_len = BINFMT_MAGIC_MAX;
	memset(e.interpreter, 'i', BINFMT_PATH_MAX - 1);
	e.interpreter[0] = '/';
	e.interpreter[BINFMT_PATH_MAX - 1] = '\0';
	assert_int_equal(validate(&e), BINFMT_E_TOO_LONG);
	e = good_e();
	snprintf(e.name, sizeof(e.name), "%s", "a:b,c");
	snprintf(e.interpreter, sizeof(e.interpreter), "%s", "/x|y#z!");
	assert_int_equal(validate(&e), BINFMT_E_DELIMITER);
	snprintf(e.interpreter, sizeof(e.interpreter), "%s", "/x|y#z");
	assert_int_equal(validate(&e), 0);
}

static void every_rule_has_its_phrase(void **state)
{
	(void)state;
	for (int i = BINFMT_E_SYNTAX; i <= BINFMT_E_INTERP_NOEXEC_MOUNT; i++) {
		const char *msg = binfmt_rule_text(i);

		assert_non_null(msg);
		assert_true(strlen(msg) > 10);
		assert_null(strstr(msg, "unknown libbinfmt"));
		for (int j = BINFMT_E_SYNTAX; j < i; j++)
			assert_string_not_equal(msg, binfmt_rule_text(j));
	}
	assert_string_equal(binfmt_rule_text(BINFMT_E_MAGIC_LONG),
			    "magic is longer than 256 bytes");
	assert_string_equal(binfmt_rule_text(BINFMT_E_MASK_LENGTH),
			    "mask length differs from magic length");
	assert_string_equal(binfmt_rule_text(BINFMT_E_RANGE),
			    "offset + magic length exceeds the 256 bytes the kernel reads");
	assert_string_equal(binfmt_rule_text(BINFMT_E_FLAGS),
			    "flags must be letters from P, O, C, F");
	assert_string_equal(binfmt_rule_text(BINFMT_E_DETECTOR),
			    "detector programs are not supported (update-binfmts 'detector')");
	assert_string_equal(binfmt_error_text(-ENOENT, NULL), strerror(ENOENT));
	assert_string_equal(binfmt_rule_text(BINFMT_E_INTERP_NOEXEC_MOUNT + 1),
			    "unknown libbinfmt error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_entries_pass), cmocka_unit_test(name_rules),
		cmocka_unit_test(type_rule),	      cmocka_unit_test(magic_rules),
		cmocka_unit_test(range_rule),	      cmocka_unit_test(extension_rules),
		cmocka_unit_test(interpreter_rule),   cmocka_unit_test(flags_rule),
		cmocka_unit_test(serializable_rule),  cmocka_unit_test(every_rule_has_its_phrase),
	};

	return cmocka_run_group_tests_name("binfmt_validate", tests, NULL, NULL);
}
