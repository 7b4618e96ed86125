/* Building vfkit's argument vector and telling what it cannot carry; see vfkit_argv.h. */
#include <stdbool.h>
#include <string.h>

#include "lib/utf8.h"
#include "vfkit_argv.h"

const char *launch_vfkit_device_refusal(const char *s)
{
	return strchr(s, ',') ? "a comma" : NULL;
}

const char *launch_vfkit_path_refusal(const char *s)
{
	if (strchr(s, ','))
		return "a comma";
	if (strchr(s, '"'))
		return "a double quote";
	return utf8_valid(s) ? NULL : "bytes that are not UTF-8";
}

/*
 * The command line goes inside vfkit's double quotes, and each of its own double quotes
 * toggles vfkit's quoting as it toggles the kernel's: a comma the kernel sees quoted is one
 * vfkit sees unquoted, and splits at.
 */
const char *launch_vfkit_cmdline_refusal(const char *cmdline)
{
	bool quoted = false;
	const char *p;

	for (p = cmdline; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ',' && quoted)
			return "a comma inside double quotes";
	}
	if (quoted)
		return "an unclosed double quote";
	return utf8_valid(cmdline) ? NULL : "bytes that are not UTF-8";
}

/*
 * vfkit strips every double quote from both ends of the cmdline value, not just its own
 * pair: a command line that ends in a quote (rosetta.entry="...") would lose it. A blank
 * after it keeps it; the kernel ignores the blank.
 */
static void add_bootloader(struct launch_argv *a, const struct launch_config *cfg,
			   const struct launch_plan *plan)
{
	size_t len = strlen(plan->cmdline);
	bool pad = len && plan->cmdline[len - 1] == '"';

	launch_argv_add(a, "--bootloader");
	launch_argv_addf(a, "linux,kernel=%s,initrd=%s,cmdline=\"%s%s\"", cfg->kernel, cfg->initrd,
			 plan->cmdline, pad ? " " : "");
}

/* The translator's share is the framework's Rosetta; every other one a directory. vfkit
 * has no read-only share: the guest's mount is what keeps a read-only root unwritten. */
static void add_share(struct launch_argv *a, const struct launch_share *s)
{
	launch_argv_add(a, "--device");
	if (s->provided)
		launch_argv_addf(a, "rosetta,mountTag=%s", s->tag);
	else
		launch_argv_addf(a, "virtio-fs,sharedDir=%s,mountTag=%s", s->dir, s->tag);
}

int launch_vfkit_argv(struct launch_argv *a, const struct launch_config *cfg,
		      const struct launch_plan *plan)
{
	size_t i;

	launch_argv_add(a, plan->vm);
	launch_argv_pair_u(a, "--cpus", cfg->cpus);
	launch_argv_pair_u(a, "--memory", cfg->memory_mib);
	/* Older vfkits serve their REST API on localhost:8081 unless told not to: two
	 * launches would fight over the port. */
	launch_argv_pair(a, "--restful-uri", "none://");
	add_bootloader(a, cfg, plan);
	launch_argv_pair(a, "--device", "virtio-serial,stdio");
	launch_argv_pair(a, "--device", "virtio-rng");
	/* The only disk: the guest's /dev/vda. */
	if (plan->root_image[0]) {
		launch_argv_add(a, "--device");
		launch_argv_addf(a, "virtio-blk,path=%s%s", plan->root_image,
				 cfg->root_ro ? ",readonly" : "");
	}
	for (i = 0; i < plan->nshares; i++)
		add_share(a, &plan->share[i]);
	return a->err;
}
