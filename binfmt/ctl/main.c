/* binfmtctl: list, show, register, remove, enable and disable binfmt_misc
 * entries; load binfmt.d and update-binfmts files; print or install the
 * Rosetta entry and find the entries competing with it; verify a file as an
 * interpreter. This file parses
 * the command line, runs the command and is the only one that prints
 * errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "binfmt/binfmtfs.h"
#include "command.h"
#include "report.h"

typedef int (*command_fn)(struct ctl_ctx *ctx);

static const command_fn run_command[CTL_CMD_COUNT] = {
	[CTL_CMD_LIST] = ctl_cmd_list,		 [CTL_CMD_SHOW] = ctl_cmd_show,
	[CTL_CMD_REGISTER] = ctl_cmd_register,	 [CTL_CMD_REMOVE] = ctl_cmd_remove,
	[CTL_CMD_ENABLE] = ctl_cmd_enable,	 [CTL_CMD_DISABLE] = ctl_cmd_disable,
	[CTL_CMD_STATUS] = ctl_cmd_status,	 [CTL_CMD_LOAD] = ctl_cmd_load,
	[CTL_CMD_IMPORT] = ctl_cmd_import,	 [CTL_CMD_ROSETTA] = ctl_cmd_rosetta,
	[CTL_CMD_CONFLICTS] = ctl_cmd_conflicts, [CTL_CMD_VERIFY] = ctl_cmd_verify,
};

static void __attribute__((noreturn)) usage(void)
{
	FILE *out = stdout;

	fputs("\nUsage:\n", out);
	fputs(" " CTL_PROG " [options] <command> [<argument>...]\n", out);
	fputs("\nInspect and change the kernel's binfmt_misc handlers.\n", out);
	fputs("\nCommands:\n", out);
	fputs(" list                     list the registered entries\n", out);
	fputs(" show NAME                show every field of an entry\n", out);
	fputs(" register LINE            register a register string; an identical entry is\n"
	      "                            kept, a different one of that name replaced\n",
	      out);
	fputs(" register --file FILE     register the one register string in FILE\n", out);
	fputs(" remove NAME...           remove entries\n", out);
	fputs(" enable NAME...           enable entries\n", out);
	fputs(" disable NAME...          disable entries\n", out);
	fputs(" status                   whether binfmt_misc is enabled, and its entry count\n",
	      out);
	fputs(" load [FILE|DIR...]       register binfmt.d entries (default: every binfmt.d\n"
	      "                            directory under --root)\n",
	      out);
	fputs(" import FILE...           register update-binfmts format files\n", out);
	fputs(" rosetta                  print or install the Rosetta entry\n", out);
	fputs(" conflicts [NAME]         entries matching the same files as NAME (default\n"
	      "                            " CTL_ROSETTA_NAME ")\n",
	      out);
	fputs(" verify PATH              check a file as a binfmt_misc interpreter, as\n"
	      "                            rosetta-init checks the translator\n",
	      out);
	fputs("\nOptions:\n", out);
	fputs("     --procdir DIR        binfmt_misc directory (default " BINFMT_DEFAULT_DIR ")\n",
	      out);
	fputs("     --root DIR           look for the binfmt.d directories under DIR\n", out);
	fputs("     --json               JSON output for list, show, status and conflicts\n", out);
	fputs("\nOptions of rosetta:\n", out);
	fputs("     --print              print the register string (the default)\n", out);
	fputs("     --install            register the entry and warn of competitors\n", out);
	fputs("     --interpreter PATH   translator (default " CTL_ROSETTA_INTERPRETER ")\n", out);
	fputs("     --flags FLAGS        letters of POCF (default " CTL_ROSETTA_FLAGS ")\n", out);
	fputs("     --name NAME          entry name (default " CTL_ROSETTA_NAME ")\n", out);
	fputs("\nOptions of conflicts:\n", out);
	fputs("     --all                every overlapping pair instead of one entry's\n", out);
	fputs("     --disable            disable the enabled entries competing with NAME\n", out);
	fputs("\nOptions of verify:\n", out);
	fputs("     --policy POLICY      strict (the default: file, filesystem and ELF) or elf\n",
	      out);
	fputs("     --any-fs             do not require a virtiofs (FUSE) filesystem\n", out);
	fputs("     --sha256 HEX         also require this SHA-256 (kernel crypto API)\n", out);
	fputs("\n -h, --help               display this help\n", out);
	fputs(" -V, --version            display version\n", out);
	fputs("\nExit status: 0 success, 1 bad input, refused entry or conflict found,\n"
	      "2 usage error, 3 system error.\n",
	      out);
	fputs("\nFor more details see " CTL_PROG "(1).\n", out);
	exit(fflush(out) == 0 && !ferror(out) ? CTL_EXIT_OK : CTL_EXIT_SYSTEM);
}

static void print_report(const struct ctl_report *rep)
{
	for (size_t i = 0; i < rep->count; i++)
		fprintf(stderr, CTL_PROG ": %s\n", rep->msgs[i]);
	if (rep->lost)
		fputs(CTL_PROG ": out of memory: some messages were lost\n", stderr);
}

/* Output that did not reach its reader is a failure, as in util-linux's
 * close_stdout(). */
static int finish_output(int code)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return code;
	fprintf(stderr, CTL_PROG ": cannot write the output: %s\n", strerror(errno));
	return CTL_EXIT_SYSTEM;
}

int main(int argc, char **argv)
{
	struct ctl_usage err;
	struct ctl_report rep;
	struct ctl_args a;
	struct ctl_ctx ctx = { .args = &a, .out = stdout, .rep = &rep };
	int code = ctl_parse_args(argc, argv, &a, &err);

	if (code < 0) {
		fprintf(stderr, CTL_PROG ": %s\nTry '" CTL_PROG " --help' for more information.\n",
			err.msg);
		return CTL_EXIT_USAGE;
	}
	if (code == CTL_HELP)
		usage();
	if (code == CTL_VERSION_INFO) {
		puts(CTL_PROG " " CTL_VERSION);
		return finish_output(CTL_EXIT_OK);
	}
	ctl_report_init(&rep);
	code = run_command[a.cmd](&ctx);
	code = finish_output(code);
	print_report(&rep);
	ctl_report_free(&rep);
	return code;
}
