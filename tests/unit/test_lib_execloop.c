/* The exec timing loop of make bench and rosettactl bench: one start and its
 * verdicts (the status wanted, another, a program that cannot start),
 * medians of odd and even counts, and the turns over several cases: every
 * sample filled, and a failure named by its case and whether it came in the
 * uncounted first start. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "lib/array_size.h"
#include "lib/execloop.h"

#include <cmocka.h>

static char *true_argv[] = { "/bin/true", NULL };
static char *false_argv[] = { "/bin/false", NULL };
static char *missing_argv[] = { "/nonexistent/program", NULL };

static void one_start_and_its_verdicts(void **state)
{
	uint64_t us = UINT64_MAX;

	(void)state;
	assert_int_equal(exec_once(true_argv, 0, &us), 0);
	assert_true(us > 0 && us < UINT64_C(10000000));
	assert_int_equal(exec_once(false_argv, 0, &us), -EPROTO);
	assert_int_equal(exec_once(false_argv, 1, &us), 0);
	assert_int_equal(exec_once(missing_argv, 0, &us), -ENOENT);
}

static void medians(void **state)
{
	uint64_t odd[] = { 30, 10, 20 }, even[] = { 40, 10, 30, 20 }, one[] = { 7 };

	(void)state;
	assert_int_equal(median_us(odd, ARRAY_SIZE(odd)), 20);
	assert_int_equal(median_us(even, ARRAY_SIZE(even)), 25);
	assert_int_equal(median_us(one, 1), 7);
	assert_int_equal(median_us(NULL, 0), 0);
}

static void turns_fill_every_sample(void **state)
{
	uint64_t a[3] = { 0 }, b[3] = { 0 };
	struct exec_case cases[] = {
		{ .argv = true_argv, .want_status = 0, .samples = a },
		{ .argv = false_argv, .want_status = 1, .samples = b },
	};
	struct exec_stop stop;

	(void)state;
	assert_int_equal(exec_cases_time(cases, ARRAY_SIZE(cases), 3, &stop), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_true(a[i] > 0);
		assert_true(b[i] > 0);
	}
}

static void a_failure_names_its_case(void **state)
{
	uint64_t a[2] = { 0 }, b[2] = { 0 };
	struct exec_case cases[] = {
		{ .argv = true_argv, .want_status = 0, .samples = a },
		{ .argv = missing_argv, .want_status = 0, .samples = b },
	};
	struct exec_stop stop;

	(void)state;
	assert_int_equal(exec_cases_time(cases, ARRAY_SIZE(cases), 2, &stop), -ENOENT);
	assert_int_equal(stop.index, 1);
	assert_true(stop.warming);
	cases[0].want_status = 3;
	cases[1] = (struct exec_case){ .argv = false_argv, .want_status = 1, .samples = b };
	assert_int_equal(exec_cases_time(cases, ARRAY_SIZE(cases), 2, &stop), -EPROTO);
	assert_int_equal(stop.index, 0);
	assert_true(stop.warming);
}

/* A program that exits 0 the first time and 1 after: its first counted run
 * fails, after the uncounted one passed. */
static void a_failure_in_the_counted_runs(void **state)
{
	char mark[64], script[192];
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	uint64_t a[2] = { 0 };
	struct exec_case c = { .argv = argv, .want_status = 0, .samples = a };
	struct exec_stop stop;

	(void)state;
	snprintf(mark, sizeof(mark), "/tmp/test_lib_execloop.%d", (int)getpid());
	snprintf(script, sizeof(script), "test -e %s && exit 1; : >%s", mark, mark);
	assert_int_equal(exec_cases_time(&c, 1, 2, &stop), -EPROTO);
	assert_int_equal(unlink(mark), 0);
	assert_int_equal(stop.index, 0);
	assert_false(stop.warming);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_start_and_its_verdicts),
		cmocka_unit_test(medians),
		cmocka_unit_test(turns_fill_every_sample),
		cmocka_unit_test(a_failure_names_its_case),
		cmocka_unit_test(a_failure_in_the_counted_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
