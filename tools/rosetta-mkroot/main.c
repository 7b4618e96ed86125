/* rosetta-mkroot: an x86-64 container image made into a root tree for rosetta-init, as a
 * directory or an ext4 image. This file parses the command line, hands the run to run.c and
 * is the only one that prints: the root's path on stdout, notes and errors on stderr. */
#include <stdio.h>
#include <stdlib.h>

#include "lib/cache_dir.h"
#include "lib/cli.h"
#include "lib/error.h"
#include "options.h"
#include "run.h"

#define PROG "rosetta-mkroot"

static int usage(void)
{
	fputs("Usage: " PROG " [options] IMAGE [OUTPUT]\n"
	      "Unpack an x86-64 container image into a root tree for rosetta-init.\n"
	      "IMAGE is an OCI layout directory (DIR or DIR:TAG), an oci-archive tar or a\n"
	      "docker save tar. Without OUTPUT the root goes into the cache that\n"
	      "rosetta-launch boots images from. The root's path is printed.\n\n",
	      stdout);
	cli_print_options(stdout, mkroot_options, mkroot_options_count);
	return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
}

/* What the user should know about a root that was made: what could not be kept as the
 * image has it. */
static void notes(const struct mkroot_result *res)
{
	const struct layer_stats *st = &res->stats;

	if (res->reused)
		fprintf(stderr, PROG ": %s already holds manifest %s: nothing to do\n", res->output,
			res->manifest);
	if (st->devices_skipped)
		fprintf(stderr,
			PROG ": warning: %lu device node(s) not made: run as root to make them\n",
			st->devices_skipped);
	if (st->owners_not_kept)
		fprintf(
		    stderr,
		    PROG
		    ": warning: %lu owner(s) not kept: run as root to keep the image's owners\n",
		    st->owners_not_kept);
	if (st->xattrs_not_kept)
		fprintf(stderr, PROG ": warning: %lu extended attribute(s) not kept\n",
			st->xattrs_not_kept);
}

int main(int argc, char **argv)
{
	struct mkroot_options o;
	struct mkroot_result res;
	struct error_record err;
	char cache[PATH_MAX];
	int r;

	error_init(&err);
	r = mkroot_parse_options(argc, argv, &o, &err);
	if (r < 0)
		return cli_report_errors(PROG, &err, true);
	if (r == MKROOT_HELP)
		return usage();
	if (r == MKROOT_VERSION_INFO) {
		cli_print_version(PROG);
		return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	}
	r = cache_dir_resolve(getenv("ROSETTA_CACHE"), getenv("XDG_CACHE_HOME"), getenv("HOME"),
			      cache, sizeof(cache));
	if (r < 0 && !o.output)
		error_set(&err, r, "no cache directory: set ROSETTA_CACHE or HOME, or give OUTPUT");
	else
		r = mkroot_run(&o, cache, &res, &err);
	if (r < 0)
		return cli_report_errors(PROG, &err, false);
	notes(&res);
	printf("%s\n", res.output);
	return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
}
