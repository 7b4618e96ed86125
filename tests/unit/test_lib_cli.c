/* The shared command line manners: getopt_long's arrays built from an option
 * table, the help text aligned from the same table, and option names for
 * messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/array_size.h"

#include <cmocka.h>

enum { OPT_MTIME = 256 };

static const struct cli_option options[] = {
	{ "output", 'o', "FILE", "write FILE instead of standard output", 'o' },
	{ "mtime", 0, "SECONDS", "time of every entry", OPT_MTIME },
	{ "a-very-long-option-name", 'l', "ARGUMENT", "help on the next line", 'l' },
	CLI_OPTION_HELP,
	CLI_OPTION_VERSION,
};
#define N_OPTIONS (ARRAY_SIZE(options))

static void getopt_arrays_follow_the_table(void **state)
{
	struct cli_parser p;

	(void)state;
	assert_int_equal(cli_parser_init(&p, options, N_OPTIONS), 0);
	assert_string_equal(p.shortopts, "+:o:l:hV");
	assert_string_equal(p.longopts[0].name, "output");
	assert_int_equal(p.longopts[0].has_arg, required_argument);
	assert_int_equal(p.longopts[1].val, OPT_MTIME);
	assert_int_equal(p.longopts[3].has_arg, no_argument);
	assert_null(p.longopts[N_OPTIONS].name);
}

static void parsing_with_the_arrays(void **state)
{
	char *argv[] = { "prog", "--mtime", "7", "-o", "out", "-h", "DIR", NULL };
	int argc = 7, seen[4] = { 0 }, c;
	struct cli_parser p;

	(void)state;
	assert_int_equal(cli_parser_init(&p, options, N_OPTIONS), 0);
	optind = 0;
	while ((c = getopt_long(argc, argv, p.shortopts, p.longopts, NULL)) != -1) {
		if (c == OPT_MTIME)
			seen[0] = atoi(optarg);
		else if (c == 'o')
			seen[1] = !strcmp(optarg, "out");
		else if (c == CLI_ID_HELP)
			seen[2] = 1;
		else
			seen[3] = c;
	}
	assert_int_equal(seen[0], 7);
	assert_true(seen[1]);
	assert_true(seen[2]);
	assert_int_equal(seen[3], 0);
	assert_string_equal(argv[optind], "DIR");
}

static void too_many_options_refused(void **state)
{
	static struct cli_option many[CLI_MAX_OPTIONS + 1];
	struct cli_parser p;

	(void)state;
	for (size_t i = 0; i < CLI_MAX_OPTIONS + 1; i++)
		many[i] = (struct cli_option){ "x", 0, NULL, "x", 300 + (int)i };
	assert_int_equal(cli_parser_init(&p, many, CLI_MAX_OPTIONS + 1), -E2BIG);
	assert_int_equal(cli_parser_init(&p, many, CLI_MAX_OPTIONS), 0);
}

static void help_text_is_aligned(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	cli_print_options(f, options, N_OPTIONS);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text,
			    " -o, --output FILE        write FILE instead of standard output\n"
			    "     --mtime SECONDS      time of every entry\n"
			    " -l, --a-very-long-option-name ARGUMENT\n"
			    "                          help on the next line\n"
			    " -h, --help               display this help\n"
			    " -V, --version            display version\n");
	free(text);
}

static void option_names_for_messages(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(cli_option_name(options, N_OPTIONS, OPT_MTIME, buf, sizeof(buf)),
			    "--mtime");
	assert_string_equal(cli_option_name(options, N_OPTIONS, 'x', buf, sizeof(buf)), "-x");
}

static void command_help_is_aligned(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	cli_print_command(f, "show", "NAME", "one entry");
	cli_print_command(f, "doctor", "[CHECK...]", "every check\n(or those named)");
	cli_print_command(f, "a-very-long-command-name", "X", "help on the next line");
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text, " show NAME                one entry\n"
				  " doctor [CHECK...]        every check\n"
				  "                            (or those named)\n"
				  " a-very-long-command-name X\n"
				  "                          help on the next line\n");
	free(text);
}

/* What getopt_long refused, as the user wrote it. */
static void refused_options_for_messages(void **state)
{
	char *argv[] = { "prog", "-x", "--frobnicate", "-o", NULL };
	struct cli_parser p;
	char buf[3];
	int c;

	(void)state;
	assert_int_equal(cli_parser_init(&p, options, N_OPTIONS), 0);
	optind = 0;
	opterr = 0;
	c = getopt_long(4, argv, p.shortopts, p.longopts, NULL);
	assert_int_equal(c, '?');
	assert_string_equal(cli_refused_option(argv, buf), "-x");
	c = getopt_long(4, argv, p.shortopts, p.longopts, NULL);
	assert_int_equal(c, '?');
	assert_string_equal(cli_refused_option(argv, buf), "--frobnicate");
	c = getopt_long(4, argv, p.shortopts, p.longopts, NULL);
	assert_int_equal(c, ':');
	assert_string_equal(cli_refused_option(argv, buf), "-o");
}

/* What cli_read_options handed over: "index=value" words, in order. */
static void record(void *arg, int index, const char *value)
{
	char *seen = arg;
	size_t len = strlen(seen);

	snprintf(seen + len, 128 - len, "%s%d=%s", len ? " " : "", index, value ? value : "-");
}

static int read_words(char *seen, char *why, int argc, char **argv)
{
	seen[0] = why[0] = '\0';
	return cli_read_options(options, N_OPTIONS, argc, argv, record, seen, why, 96);
}

static void options_read_anywhere(void **state)
{
	char *argv[] = { "prog", "cmd", "--mtime", "5", "operand", "-o", "out", NULL };
	char seen[128], why[96];

	(void)state;
	assert_int_equal(read_words(seen, why, 7, argv), 0);
	assert_string_equal(seen, "1=5 0=out");
	assert_string_equal(argv[optind], "cmd");
	assert_string_equal(argv[optind + 1], "operand");
}

static void options_read_stop_or_refuse(void **state)
{
	char *help[] = { "prog", "-o", "x", "--help", "--bogus", NULL };
	char *unknown[] = { "prog", "cmd", "--bogus", NULL };
	char *missing[] = { "prog", "cmd", "--mtime", NULL };
	char *version[] = { "prog", "-V", NULL };
	char seen[128], why[96];

	(void)state;
	assert_int_equal(read_words(seen, why, 5, help), CLI_READ_HELP);
	assert_string_equal(seen, "0=x");
	assert_int_equal(read_words(seen, why, 2, version), CLI_READ_VERSION);
	assert_int_equal(read_words(seen, why, 3, unknown), -EINVAL);
	assert_string_equal(why, "unknown option --bogus");
	assert_int_equal(read_words(seen, why, 3, missing), -EINVAL);
	assert_string_equal(why, "option --mtime needs an argument");
	assert_string_equal(seen, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(getopt_arrays_follow_the_table),
		cmocka_unit_test(parsing_with_the_arrays),
		cmocka_unit_test(too_many_options_refused),
		cmocka_unit_test(help_text_is_aligned),
		cmocka_unit_test(option_names_for_messages),
		cmocka_unit_test(command_help_is_aligned),
		cmocka_unit_test(refused_options_for_messages),
		cmocka_unit_test(options_read_anywhere),
		cmocka_unit_test(options_read_stop_or_refuse),
	};

	return cmocka_run_group_tests_name("lib_cli", tests, NULL, NULL);
}
