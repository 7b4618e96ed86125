/* rosettactl: the guest's own debugging tool. status says how x86-64
 * programs run here (the share, the translator, the binfmt_misc entry, its
 * rivals, the AOT cache, the kernel); doctor runs one check per known
 * failure. This file parses the command line, runs the command and is the
 * only one that prints errors. */
#include <locale.h>
#include <stdio.h>

#include "args.h"
#include "command.h"
#include "lib/cli.h"
#include "lib/report.h"

/* Find the system the command looks at, then run it. */
static int run(const struct rctl_args *a, struct report *rep)
{
	struct rctl_target t;
	struct error_record e;
	struct rctl_ctx ctx = { .args = a, .target = &t, .out = stdout, .rep = rep };

	error_init(&e);
	if (rctl_target_init(&t, &a->where, &e) < 0)
		return report_add(rep, e.system ? CLI_EXIT_SYSTEM : CLI_EXIT_FAILED, "%s",
				  e.msg[0].text);
	rctl_probe_kernel(&t.probes);
	return a->cmd->run(&ctx);
}

int main(int argc, char **argv)
{
	struct rctl_usage err;
	struct report rep;
	struct rctl_args a;
	int code;

	setlocale(LC_CTYPE, "");
	code = rctl_parse_args(argc, argv, &a, &err);
	if (code < 0) {
		fprintf(stderr, RCTL_PROG ": %s\n", err.msg);
		cli_try_help(RCTL_PROG);
		return CLI_EXIT_USAGE;
	}
	if (code == RCTL_HELP) {
		rctl_usage(stdout);
		return cli_exit_stdout(RCTL_PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	}
	if (code == RCTL_VERSION_INFO) {
		cli_print_version(RCTL_PROG);
		return cli_exit_stdout(RCTL_PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	}
	report_init(&rep);
	code = cli_exit_stdout(RCTL_PROG, run(&a, &rep), CLI_EXIT_SYSTEM);
	report_print(&rep, stderr, RCTL_PROG);
	report_free(&rep);
	return code;
}
