/* rosetta-mkinitramfs: write a directory tree, plus optional spec entries, as a reproducible
 * newc cpio archive for the Linux initramfs, optionally compressed. This file parses the
 * command line, hands the run to run.c and is the only one that prints. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/cli.h"
#include "lib/error.h"
#include "options.h"
#include "run.h"

#define PROG "rosetta-mkinitramfs"

static int usage(void)
{
	fputs("Usage: " PROG " [options] DIR\n"
	      "Write the tree under DIR as a reproducible newc cpio archive (initramfs).\n\n",
	      stdout);
	cli_print_options(stdout, mkinitramfs_options, mkinitramfs_options_count);
	return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
}

int main(int argc, char **argv)
{
	struct mkinitramfs_options o;
	struct error_record err;
	int r;

	error_init(&err);
	r = mkinitramfs_parse_options(argc, argv, getenv("SOURCE_DATE_EPOCH"), &o, &err);
	if (r < 0)
		return cli_report_errors(PROG, &err, true);
	if (r == MKINITRAMFS_HELP)
		return usage();
	if (r == MKINITRAMFS_VERSION_INFO) {
		cli_print_version(PROG);
		return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	}
	r = mkinitramfs_run(&o, &err);
	if (r == 0 && (r = cli_close_stdout()) < 0)
		r = error_system(&err, r, "cannot write the standard output: %m");
	return r == 0 ? CLI_EXIT_OK : cli_report_errors(PROG, &err, false);
}
