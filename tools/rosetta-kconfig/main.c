/* rosetta-kconfig: check a guest kernel's configuration (a .config, a
 * config.gz, or the running kernel's /proc/config.gz) against the rules of
 * kernel-config/'s fragments. libkconfig reads and judges; report.c
 * prints. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel-config/columns.h"
#include "lib/array_size.h"
#include "lib/cli.h"
#include "report.h"

enum { DONE = -1 }; /* --help or --version: nothing more to do */

static const struct cli_option options[] = {
	{ "json", 'J', NULL, "JSON output: the kernel, every option, the warnings", 'J' },
	{ "raw", 'r', NULL, "the options alone, unaligned, blanks escaped", 'r' },
	{ "noheadings", 'n', NULL, "print no headings (and no field names)", 'n' },
	{ "output", 'o', "COLUMNS", "the options' columns, \"+LIST\" adds to the default", 'o' },
	CLI_OPTION_HELP,
	CLI_OPTION_VERSION,
};

static void usage(void)
{
	const struct table_column_set *set = &kconfig_verdict_columns;

	fputs("Usage: " PROG " [options] [FILE]\n"
	      "Check a guest kernel's configuration for rosetta-guest: FILE is a .config or a\n"
	      "gzip'd config.gz; without it, the running kernel's " KCONFIG_PROC_PATH ".\n\n",
	      stdout);
	cli_print_options(stdout, options, ARRAY_SIZE(options));
	fputs("\nColumns of the options (-o):\n", stdout);
	for (size_t i = 0; i < set->n; i++)
		printf(" %-12s %s\n", set->v[i].name, set->v[i].help);
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(PROG ": ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_try_help(PROG);
	return CLI_EXIT_USAGE;
}

static int check_columns(const char *list)
{
	struct error_record e;

	error_init(&e);
	if (table_columns_check(&kconfig_verdict_columns, list, &e) < 0)
		return usage_error("%s", e.msg[0].text);
	return 0;
}

/* Returns 0 to go on, DONE after --help or --version, or CLI_EXIT_USAGE. */
static int parse_option(int c, const char *arg, const char *opt, struct table_format *f)
{
	switch (c) {
	case 'J':
		f->json = true;
		return 0;
	case 'r':
		f->raw = true;
		return 0;
	case 'n':
		f->noheadings = true;
		return 0;
	case 'o':
		f->columns = arg;
		return check_columns(arg);
	case CLI_ID_HELP:
		usage();
		return DONE;
	case CLI_ID_VERSION:
		cli_print_version(PROG);
		return DONE;
	case ':':
		return usage_error("option %s needs an argument", opt);
	default:
		return usage_error("unknown option %s", opt);
	}
}

/* The options into f, the FILE operand (NULL: the running kernel) into
 * *file. */
static int parse_args(int argc, char **argv, struct table_format *f, const char **file)
{
	struct cli_parser p;
	int c;

	if (cli_parser_init(&p, options, ARRAY_SIZE(options)) < 0)
		return CLI_EXIT_SYSTEM;
	opterr = 0;
	while ((c = getopt_long(argc, argv, p.shortopts, p.longopts, NULL)) != -1) {
		const char *opt = argv[optind - 1];
		char shortopt[3] = { '-', (char)optopt, 0 };
		int r;

		if ((c == '?' || c == ':') && strncmp(opt, "--", 2) != 0 && optopt > 0 &&
		    optopt < 256)
			opt = shortopt;
		r = parse_option(c, optarg, opt, f);
		if (r != 0)
			return r;
	}
	if (f->json && f->raw)
		return usage_error("--json and --raw exclude each other");
	if (optind + 1 < argc)
		return usage_error("unexpected argument '%s': give one FILE", argv[optind + 1]);
	*file = optind < argc ? argv[optind] : NULL;
	return 0;
}

static int check(const char *file, const struct table_format *f)
{
	struct kconfig_report rep;
	struct error_record e;
	struct kconfig c;
	int r, code;

	error_init(&e);
	r = file ? kconfig_read(&c, file, &e) : kconfig_read_running(&c, KCONFIG_PROC_PATH, &e);
	if (r < 0)
		return report_errors(&e);
	r = kconfig_check(&c, kconfig_rules, kconfig_nrules, &rep, &e);
	code = r < 0 ? report_errors(&e) : report_kernel(&rep, f);
	kconfig_report_free(&rep);
	kconfig_free(&c);
	return code;
}

int main(int argc, char **argv)
{
	struct table_format f = { 0 };
	const char *file = NULL;
	int r = parse_args(argc, argv, &f, &file);

	if (r == DONE)
		return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	if (r != 0)
		return r;
	return cli_exit_stdout(PROG, check(file, &f), CLI_EXIT_SYSTEM);
}
