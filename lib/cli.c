/* Option tables, help text and the version line; see cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdio_ext.h>
#include <string.h>

#include "error.h"

#define HELP_COLUMN 26 /* where the help text of an option starts */

int cli_parser_init(struct cli_parser *p, const struct cli_option *opts, size_t n)
{
	size_t s = 0;

	if (n > CLI_MAX_OPTIONS)
		return -E2BIG;
	memset(p, 0, sizeof(*p));
	p->shortopts[s++] = '+'; /* options end at the first operand, as POSIX says */
	p->shortopts[s++] = ':'; /* a missing argument is ':' rather than '?' */
	for (size_t i = 0; i < n; i++) {
		p->longopts[i] = (struct option){
			.name = opts[i].name,
			.has_arg = opts[i].arg ? required_argument : no_argument,
			.val = opts[i].id,
		};
		if (!opts[i].short_name)
			continue;
		p->shortopts[s++] = (char)opts[i].short_name;
		if (opts[i].arg)
			p->shortopts[s++] = ':';
	}
	return 0;
}

void cli_print_options(FILE *out, const struct cli_option *opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int w;

		if (opts[i].short_name)
			w = fprintf(out, " -%c, --%s", opts[i].short_name, opts[i].name);
		else
			w = fprintf(out, "     --%s", opts[i].name);
		if (opts[i].arg)
			w += fprintf(out, " %s", opts[i].arg);
		if (w < 0)
			return;
		if (w >= HELP_COLUMN - 1)
			fprintf(out, "\n%*s", HELP_COLUMN, "");
		else
			fprintf(out, "%*s", HELP_COLUMN - w, "");
		fprintf(out, "%s\n", opts[i].help);
	}
}

void cli_print_command(FILE *out, const char *name, const char *operands, const char *help)
{
	int w = fprintf(out, " %s%s%s", name, *operands ? " " : "", operands);

	if (w >= HELP_COLUMN - 1) {
		fprintf(out, "\n");
		w = 0;
	}
	while (*help) {
		size_t len = strcspn(help, "\n");

		fprintf(out, "%*s%.*s\n", HELP_COLUMN - w, "", (int)len, help);
		help += len;
		help += *help == '\n';
		w = -2; /* continuation lines: two further in */
	}
}

const char *cli_refused_option(char *const *argv, char buf[3])
{
	const char *opt = argv[optind - 1];

	if (strncmp(opt, "--", 2) != 0 && optopt > 0 && optopt < 256) {
		buf[0] = '-';
		buf[1] = (char)optopt;
		buf[2] = '\0';
		return buf;
	}
	return opt;
}

/* The line of opts getopt_long's answer c stands for, or -1. */
static int option_index(const struct cli_option *opts, size_t n, int c)
{
	for (size_t i = 0; i < n; i++)
		if (opts[i].id == c)
			return (int)i;
	return -1;
}

int cli_read_options(const struct cli_option *opts, size_t n, int argc, char **argv,
		     void (*take)(void *arg, int index, const char *value), void *arg, char *why,
		     size_t size)
{
	struct cli_parser p;
	char shortopt[3];
	int c;

	if (cli_parser_init(&p, opts, n) < 0) {
		snprintf(why, size, "too many options for the parser");
		return -EINVAL;
	}
	/* 0 restarts getopt fully (the tests parse many command lines in one
	 * process); skipping the leading '+' lets options follow the command,
	 * as in git. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, p.shortopts + 1, p.longopts, NULL)) != -1) {
		int i = option_index(opts, n, c);

		if (c == CLI_ID_HELP)
			return CLI_READ_HELP;
		if (c == CLI_ID_VERSION)
			return CLI_READ_VERSION;
		if (c == ':' || i < 0) {
			snprintf(why, size,
				 c == ':' ? "option %s needs an argument" : "unknown option %s",
				 cli_refused_option(argv, shortopt));
			return -EINVAL;
		}
		take(arg, i, optarg);
	}
	return 0;
}

void cli_print_version(const char *prog)
{
	printf("%s from %s %s\n", prog, PROJECT_NAME, PROJECT_VERSION);
}

void cli_try_help(const char *prog)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
}

int cli_close_stdout(void)
{
	bool failed_before = ferror(stdout);
	bool pending = __fpending(stdout) != 0;

	/* As util-linux's close_stream: a stdout closed from the start (EBADF)
	 * is no error unless something was written to it. */
	errno = 0;
	if (fclose(stdout) != 0 && (pending || errno != EBADF))
		return errno ? -errno : -EIO;
	if (failed_before)
		return -EIO;
	return 0;
}

int cli_exit_stdout(const char *prog, int code, int fail_code)
{
	int r = cli_close_stdout();

	if (r == 0)
		return code;
	fprintf(stderr, "%s: cannot write the standard output: %s\n", prog, strerror(-r));
	return fail_code;
}

const char *cli_option_name(const struct cli_option *opts, size_t n, int id, char *buf, size_t size)
{
	for (size_t i = 0; i < n; i++) {
		if (opts[i].id != id)
			continue;
		snprintf(buf, size, "--%s", opts[i].name);
		return buf;
	}
	if (id > 0 && id < 256)
		snprintf(buf, size, "-%c", id);
	else
		snprintf(buf, size, "an option");
	return buf;
}

int cli_report_errors(const char *prog, const struct error_record *err, bool usage_error)
{
	unsigned int i;

	for (i = 0; i < err->count && i < ERROR_MAX; i++)
		fprintf(stderr, "%s: %s\n", prog, err->msg[i].text);
	if (err->count > ERROR_MAX)
		fprintf(stderr, "%s: ... and %u more errors\n", prog, err->count - ERROR_MAX);
	if (err->system)
		return CLI_EXIT_SYSTEM;
	if (!usage_error)
		return CLI_EXIT_FAILED;
	cli_try_help(prog);
	return CLI_EXIT_USAGE;
}
