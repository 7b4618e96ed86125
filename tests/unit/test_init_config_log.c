/* rosetta-init's console log and the level rosetta.quiet / rosetta.debug
 * set: which lines reach the console, with which prefix. (No /dev/kmsg here:
 * log_open_kmsg() would write to the host's kernel log.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init/log.h"

/* Run the four log functions at level, with fd 2 in a temporary file, and
 * return what they wrote. */
static void console_at(enum log_level level, char *out, size_t size)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	size_t n;

	assert_non_null(tmp);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fileno(tmp), STDERR_FILENO), STDERR_FILENO);
	log_set_level(level);
	log_debug("a debug line %d", 1);
	log_info("an info line %s", "two");
	log_warn("a warning");
	log_error("an error");
	log_set_level(LOG_LEVEL_NORMAL);
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, size - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
}

/* Each line, without the "rosetta-init: [ secs.ms] " prefix, which every
 * line must have. */
static void strip_prefixes(char *text)
{
	regex_t re;
	char *out = text, *line = text;

	assert_int_equal(regcomp(&re, "^rosetta-init: \\[ *[0-9]+\\.[0-9]{3}\\] ", REG_EXTENDED),
			 0);
	while (*line) {
		char *nl = strchr(line, '\n');
		regmatch_t m;

		assert_non_null(nl);
		*nl = '\0';
		assert_int_equal(regexec(&re, line, 1, &m, 0), 0);
		out += sprintf(out, "%s\n", line + m.rm_eo);
		line = nl + 1;
	}
	regfree(&re);
}

static void normal_shows_info_not_debug(void **state)
{
	char text[1024];

	(void)state;
	console_at(LOG_LEVEL_NORMAL, text, sizeof(text));
	strip_prefixes(text);
	assert_string_equal(text, "an info line two\nwarning: a warning\nerror: an error\n");
}

static void quiet_keeps_warnings_and_errors(void **state)
{
	char text[1024];

	(void)state;
	console_at(LOG_LEVEL_QUIET, text, sizeof(text));
	strip_prefixes(text);
	assert_string_equal(text, "warning: a warning\nerror: an error\n");
}

static void debug_adds_debug_lines(void **state)
{
	char text[1024];

	(void)state;
	console_at(LOG_LEVEL_DEBUG, text, sizeof(text));
	strip_prefixes(text);
	assert_string_equal(text, "debug: a debug line 1\nan info line two\nwarning: a warning\n"
				  "error: an error\n");
}

/* The line is cut, not overflowed, and still ends in a newline. */
static void long_message_is_cut(void **state)
{
	char big[3000], text[4096];
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	size_t n;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_non_null(tmp);
	assert_int_equal(dup2(fileno(tmp), STDERR_FILENO), STDERR_FILENO);
	log_warn("%s", big);
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(text, 1, sizeof(text) - 1, tmp);
	text[n] = '\0';
	fclose(tmp);
	assert_true(n > 1000 && n < 1100);
	assert_int_equal(text[n - 1], '\n');
	assert_ptr_equal(strchr(text, '\n'), text + n - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normal_shows_info_not_debug),
		cmocka_unit_test(quiet_keeps_warnings_and_errors),
		cmocka_unit_test(debug_adds_debug_lines),
		cmocka_unit_test(long_message_is_cut),
	};

	return cmocka_run_group_tests_name("init_config_log", tests, NULL, NULL);
}
