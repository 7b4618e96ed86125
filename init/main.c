/* rosetta-init: PID 1 of a guest that runs x86-64 programs through Rosetta.
 * Walks the boot stages in order, timing each; on a failure, reports it once
 * and follows rosetta.emergency. Then supervises the entry and shuts down. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "shutdown.h"
#include "stages.h"
#include "supervise.h"

struct stage {
	const char *name;
	int (*run)(struct boot_ctx *ctx, struct failure *f);
};

/* One stage per line, in boot order (DESIGN.md). */
static const struct stage stages[] = {
	{ "early", stage_early },	/* API filesystems, console */
	{ "config", stage_config },	/* rosetta.* keys */
	{ "modules", stage_modules },	/* coldplug, fuse, virtiofs, binfmt_misc */
	{ "share", stage_share },	/* mount the translator's virtiofs share */
	{ "verify", stage_verify },	/* file, ELF, optional SHA-256 pin */
	{ "register", stage_register }, /* the binfmt_misc entry */
	{ "selftest", stage_selftest }, /* x86-64 code through it, sandboxed */
	{ "root", stage_root },		/* mount the x86-64 tree */
	{ "switch", stage_switch },	/* make it / */
};

static const int emergency_how[] = {
	[EMERGENCY_POWEROFF] = RB_POWER_OFF,
	[EMERGENCY_HALT] = RB_HALT_SYSTEM,
	[EMERGENCY_REBOOT] = RB_AUTOBOOT,
};

static void __attribute__((noreturn)) emergency(const struct boot_ctx *ctx, const struct failure *f)
{
	if (f->err)
		log_error("%s failed: %s: %s", f->stage, f->what, strerror(f->err));
	else
		log_error("%s failed: %s", f->stage, f->what);
	log_error("remedy: %s", f->remedy);
	shutdown_system(emergency_how[ctx->cfg.emergency]);
}

static void boot(struct boot_ctx *ctx)
{
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		struct failure f = { .stage = stages[i].name };
		uint64_t start = boot_ms();

		if (stages[i].run(ctx, &f) < 0)
			emergency(ctx, &f);
		log_info("%s ... ok (%llu ms)", stages[i].name,
			 (unsigned long long)(boot_ms() - start));
	}
}

int main(void)
{
	struct boot_ctx ctx = {
		.binfmt_dir = "/proc/sys/fs/binfmt_misc",
		.modules_dir = "/lib/modules",
		.newroot = "/newroot",
		.selftest_prog = "/lib/rosetta/selftest",
		.translator_fd = -1,
	};
	sigset_t set;
	int code;

	if (getpid() != 1) {
		fprintf(stderr, "rosetta-init: must run as PID 1 (the kernel's /init)\n");
		return 2;
	}
	supervise_signals(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	config_defaults(&ctx.cfg);
	boot(&ctx);

	code = supervise_entry(&ctx);
	/* One parseable line on the console for the launcher (see rosetta-launch). */
	dprintf(STDERR_FILENO, "rosetta-init: exit status %d\n", code);
	shutdown_system(RB_POWER_OFF);
}
