/*
 * The error record: the returned -errno, "%m" naming it, the first failure's errno kept,
 * a system failure marking the record, file:line messages, and failures past ERROR_MAX
 * counted but not kept.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/error.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

static void set_returns_err_and_formats_m(void **state)
{
	static struct error_record e;

	(void)state;
	error_init(&e);
	errno = EBUSY;
	assert_int_equal(error_set(&e, -ENOENT, "cannot open %s: %m", "x"), -ENOENT);
	assert_int_equal(errno, EBUSY);
	assert_string_equal(e.msg[0].text, "cannot open x: No such file or directory");
	assert_int_equal(e.msg[0].line, 0);
	assert_int_equal(e.err, -ENOENT);
	assert_int_equal(e.count, 1);
	assert_false(e.system);
}

static void first_err_kept_system_sticks(void **state)
{
	static struct error_record e;

	(void)state;
	error_init(&e);
	assert_int_equal(error_system(&e, -ENOMEM, "out of memory"), -ENOMEM);
	assert_true(e.system);
	assert_int_equal(error_set(&e, -EINVAL, "bad"), -EINVAL);
	assert_true(e.system);
	assert_int_equal(e.err, -ENOMEM);
	assert_int_equal(e.count, 2);
	assert_string_equal(e.msg[1].text, "bad");
}

static void line_prefix(void **state)
{
	static struct error_record e;

	(void)state;
	error_init(&e);
	assert_int_equal(error_line(&e, "a.spec", 7, "unknown type '%s'", "blk"), -EINVAL);
	assert_string_equal(e.msg[0].text, "a.spec:7: unknown type 'blk'");
	assert_int_equal(e.msg[0].line, 7);
	assert_false(e.system);
}

static void past_max_counted_not_kept(void **state)
{
	static struct error_record e;

	(void)state;
	error_init(&e);
	for (int i = 0; i < ERROR_MAX + 3; i++)
		error_line(&e, "f", (unsigned int)i + 1, "bad %d", i);
	assert_int_equal(e.count, ERROR_MAX + 3);
	assert_string_equal(e.msg[ERROR_MAX - 1].text, "f:8: bad 7");
}

static void null_record(void **state)
{
	(void)state;
	assert_int_equal(error_set(NULL, -EPERM, "x"), -EPERM);
	assert_int_equal(error_system(NULL, -EIO, "x"), -EIO);
	assert_int_equal(error_line(NULL, "f", 1, "x"), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_returns_err_and_formats_m),
		cmocka_unit_test(first_err_kept_system_sticks),
		cmocka_unit_test(line_prefix),
		cmocka_unit_test(past_max_counted_not_kept),
		cmocka_unit_test(null_record),
	};

	return cmocka_run_group_tests_name("lib_error", tests, NULL, NULL);
}
