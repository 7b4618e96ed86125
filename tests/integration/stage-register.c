/* Runs rosetta-init's register stage on the host, against the binfmt_misc
 * directory and translator given, as the init would run it in the guest,
 * with the descriptor verify would have kept open: of VERIFIED (default:
 * TRANSLATOR itself), so that a test can make the path name another file
 * than the one checked, and through stage_step, which logs its line. VERIFY
 * is strict (default) or elf.
 * Usage: stage-register BINFMT_DIR TRANSLATOR [FLAGS [VERIFIED [VERIFY]]]
 * Exit 0 when the stage succeeds, 1 with the failure printed otherwise. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "init/stages.h"

int main(int argc, char **argv)
{
	struct boot_ctx ctx = { .translator_fd = -1 };
	struct failure f;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "Usage: stage-register BINFMT_DIR TRANSLATOR [FLAGS [VERIFIED "
				"[VERIFY]]]\n");
		return 2;
	}
	config_defaults(&ctx.cfg);
	if (argc >= 4)
		snprintf(ctx.cfg.binfmt_flags, sizeof(ctx.cfg.binfmt_flags), "%s", argv[3]);
	ctx.translator_fd = open(argc >= 5 ? argv[4] : argv[2], O_RDONLY | O_CLOEXEC);
	if (argc == 6 && !strcmp(argv[5], "elf"))
		ctx.cfg.verify = VERIFY_ELF;
	ctx.binfmt_dir = argv[1];
	snprintf(ctx.translator, sizeof(ctx.translator), "%s", argv[2]);
	if (stage_step(STAGE_REGISTER, stage_register, &ctx, &f) == 0) {
		close(ctx.translator_fd);
		return 0;
	}
	fprintf(stderr, "register failed: %s: %s\nremedy: %s\n", f.what, strerror(f.err), f.remedy);
	return 1;
}
