/*
 * rosetta-launch: boot the rosetta guest in qemu with one virtiofsd per share (or in vfkit on
 * macOS), copy its console through, and exit with the status its init reports. This file parses the
 * command line, checks the host, and hands the launch to dry_run.c or session.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "image.h"
#include "lib/cache_dir.h"
#include "lib/cli.h"
#include "lib/clock.h"
#include "lib/error.h"
#include "options.h"
#include "plan.h"
#include "preflight.h"
#include "process.h"
#include "report.h"
#include "run.h"

static int usage(void)
{
	FILE *out = stdout;

	fputs("\nUsage:\n", out);
	fprintf(
	    out,
	    " %s [options] --kernel FILE --initrd FILE --rosetta-dir DIR [--] [ENTRY [ARG...]]\n"
	    " %s [options] --kernel FILE --no-initrd --rosetta-dir DIR --cmdline 'root=... "
	    "init=...'\n"
	    " %s --backend vfkit [options] --kernel IMAGE --initrd FILE [--] [ENTRY [ARG...]]\n",
	    LAUNCH_PROG, LAUNCH_PROG, LAUNCH_PROG);
	fputs("\nBoot the rosetta guest in qemu (or vfkit) and exit with the status of its entry\n"
	      "program.\n",
	      out);
	fputs("\nOptions:\n", out);
	cli_print_options(out, launch_options, launch_options_count);
	fputs("\nExit status is the entry's; 124 timeout, 125 launcher failure,\n"
	      "126 the guest reported no status, 128+N stopped by signal N.\n",
	      out);
	fprintf(out, "\nFor more details see %s(1).\n", LAUNCH_PROG);
	return cli_exit_stdout(LAUNCH_PROG, CLI_EXIT_OK, CLI_EXIT_LAUNCHER);
}

/* Every message of a failed --image, then the launcher's exit code. */
static int image_failed(const struct error_record *err)
{
	for (unsigned int i = 0; i < err->count && i < ERROR_MAX; i++)
		launch_say("%s", err->msg[i].text);
	return CLI_EXIT_LAUNCHER;
}

static int prepare_image(struct launch_config *cfg, struct launch_image *img)
{
	struct error_record err;
	char cache[PATH_MAX];
	int r;

	error_init(&err);
	r = cache_dir_resolve(getenv("ROSETTA_CACHE"), getenv("XDG_CACHE_HOME"), getenv("HOME"),
			      cache, sizeof(cache));
	if (r < 0)
		error_set(&err, r, "--image: no cache directory: set ROSETTA_CACHE or HOME");
	else
		r = launch_image_prepare(cfg, cache, img, &err);
	if (r < 0)
		return image_failed(&err);
	if (cfg->verbose)
		launch_say("image %s: manifest %s, root %s (%s in %llu ms)", cfg->image,
			   img->manifest, img->root, img->reused ? "cached" : "unpacked",
			   (unsigned long long)img->elapsed_ms);
	return 0;
}

int main(int argc, char *argv[])
{
	struct error_record err = { 0 };
	struct launch_config cfg;
	struct launch_image img;
	struct launch_plan plan;
	uint64_t started = monotonic_ms();
	int r;

	if (launch_ensure_stdio() < 0)
		return CLI_EXIT_LAUNCHER;
	r = launch_parse_options(argc, argv, &cfg, &err);
	if (r < 0) {
		launch_say("%s", err.msg[0].text);
		cli_try_help(LAUNCH_PROG);
		return CLI_EXIT_LAUNCHER;
	}
	if (r == LAUNCH_HELP)
		return usage();
	if (r == LAUNCH_VERSION_INFO) {
		cli_print_version(LAUNCH_PROG);
		return cli_exit_stdout(LAUNCH_PROG, CLI_EXIT_OK, CLI_EXIT_LAUNCHER);
	}
	cfg.interactive = isatty(STDIN_FILENO);
	cfg.started_ms = started;
	if (cfg.image && prepare_image(&cfg, &img) != 0)
		return CLI_EXIT_LAUNCHER;
	if (launch_preflight(&cfg, getenv("PATH"), &plan, &err) < 0) {
		launch_say("%s", err.msg[0].text);
		return CLI_EXIT_LAUNCHER;
	}
	if (cfg.dry_run)
		return launch_dry_run(&cfg, &plan);
	return launch_run(&cfg, &plan);
}
