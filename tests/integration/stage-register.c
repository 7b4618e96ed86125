/* Runs rosetta-init's register stage on the host, against the binfmt_misc
 * directory and translator given, as the init would run it in the guest.
 * Usage: stage-register BINFMT_DIR TRANSLATOR [FLAGS]
 * Exit 0 when the stage succeeds, 1 with the failure printed otherwise. */
#include <stdio.h>
#include <string.h>

#include "init/stages.h"

int main(int argc, char **argv)
{
	struct boot_ctx ctx = { .translator_fd = -1 };
	struct failure f = { .stage = "register" };

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "Usage: stage-register BINFMT_DIR TRANSLATOR [FLAGS]\n");
		return 2;
	}
	config_defaults(&ctx.cfg);
	if (argc == 4)
		snprintf(ctx.cfg.binfmt_flags, sizeof(ctx.cfg.binfmt_flags), "%s", argv[3]);
	ctx.binfmt_dir = argv[1];
	snprintf(ctx.translator, sizeof(ctx.translator), "%s", argv[2]);
	if (stage_register(&ctx, &f) == 0)
		return 0;
	fprintf(stderr, "register failed: %s: %s\nremedy: %s\n", f.what, strerror(f.err), f.remedy);
	return 1;
}
