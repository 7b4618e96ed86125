/* lib/report: messages kept in order with the worst exit status, or handed
 * to a sink as they come; printed one per line after the program's name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/report.h"

#include <cmocka.h>

static void keeps_messages_and_worst_code(void **state)
{
	struct report rep;

	(void)state;
	report_init(&rep);
	assert_int_equal(report_add(&rep, CLI_EXIT_FAILED, "bad line %d", 3), CLI_EXIT_FAILED);
	assert_int_equal(report_add(&rep, CLI_EXIT_OK, "warning: %s", "w"), CLI_EXIT_FAILED);
	assert_int_equal(report_add(&rep, CLI_EXIT_SYSTEM, "no memory"), CLI_EXIT_SYSTEM);
	assert_int_equal(report_add(&rep, CLI_EXIT_FAILED, "later"), CLI_EXIT_SYSTEM);
	assert_int_equal(rep.count, 4);
	assert_int_equal(rep.added, 4);
	assert_string_equal(rep.msgs[0], "bad line 3");
	assert_string_equal(rep.msgs[3], "later");
	assert_false(rep.lost);
	report_free(&rep);
	assert_int_equal(rep.count, 0);
	assert_int_equal(rep.code, CLI_EXIT_OK);
}

static void grows_past_its_first_array(void **state)
{
	struct report rep;

	(void)state;
	report_init(&rep);
	for (int i = 0; i < 100; i++)
		report_add(&rep, CLI_EXIT_OK, "message %d", i);
	assert_int_equal(rep.count, 100);
	assert_string_equal(rep.msgs[99], "message 99");
	report_free(&rep);
}

struct seen {
	char last[64];
	int code;
	int calls;
};

static void sink(void *arg, int code, const char *msg)
{
	struct seen *s = arg;

	snprintf(s->last, sizeof(s->last), "%s", msg);
	s->code = code;
	s->calls++;
}

static void sink_gets_each_message(void **state)
{
	struct seen seen = { 0 };
	struct report rep;

	(void)state;
	report_init(&rep);
	rep.sink = sink;
	rep.arg = &seen;
	report_add(&rep, CLI_EXIT_FAILED, "key %s: bad", "rosetta.x");
	assert_int_equal(seen.calls, 1);
	assert_string_equal(seen.last, "key rosetta.x: bad");
	assert_int_equal(seen.code, CLI_EXIT_FAILED);
	assert_int_equal(rep.count, 0); /* nothing kept */
	assert_int_equal(rep.added, 1);
	assert_int_equal(rep.code, CLI_EXIT_FAILED);
	report_free(&rep);
}

static void prints_after_the_name(void **state)
{
	struct report rep;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	report_init(&rep);
	report_add(&rep, CLI_EXIT_FAILED, "one");
	report_add(&rep, CLI_EXIT_FAILED, "two");
	rep.lost = true;
	report_print(&rep, f, "prog");
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text, "prog: one\nprog: two\nprog: out of memory: some messages were "
				  "lost\n");
	free(text);
	report_free(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_messages_and_worst_code),
		cmocka_unit_test(grows_past_its_first_array),
		cmocka_unit_test(sink_gets_each_message),
		cmocka_unit_test(prints_after_the_name),
	};

	return cmocka_run_group_tests_name("lib_report", tests, NULL, NULL);
}
