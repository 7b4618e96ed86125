/* binfmtctl: list, show, register, remove, enable and disable binfmt_misc
 * entries; load binfmt.d and update-binfmts files; print or install the
 * Rosetta entry and find the entries competing with it; verify a file as an
 * interpreter. This file parses the command line, runs the command and is
 * the only one that prints errors. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "command.h"
#include "lib/cli.h"
#include "lib/report.h"

int main(int argc, char **argv)
{
	struct ctl_usage err;
	struct report rep;
	struct ctl_args a;
	struct ctl_ctx ctx = { .args = &a, .out = stdout, .rep = &rep };
	int code;

	/* Names and paths in the user's character set; control bytes are
	 * escaped by libsmartcols either way. */
	setlocale(LC_CTYPE, "");
	code = ctl_parse_args(argc, argv, &a, &err);
	if (code < 0) {
		fprintf(stderr, CTL_PROG ": %s\n", err.msg);
		cli_try_help(CTL_PROG);
		return CLI_EXIT_USAGE;
	}
	if (code == CTL_HELP) {
		ctl_usage(stdout);
		return cli_exit_stdout(CTL_PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	}
	if (code == CTL_VERSION_INFO) {
		cli_print_version(CTL_PROG);
		return cli_exit_stdout(CTL_PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	}
	report_init(&rep);
	code = cli_exit_stdout(CTL_PROG, a.cmd->run(&ctx), CLI_EXIT_SYSTEM);
	report_print(&rep, stderr, CTL_PROG);
	report_free(&rep);
	return code;
}
