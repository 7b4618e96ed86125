/* rosetta-init: PID 1 of a guest that runs x86-64 programs through Rosetta.
 * Sets PID 1 up, then walks the stages in order, timing each; on a failure,
 * reports it once and follows rosetta.emergency. The last stage, run,
 * supervises the entry and shuts down (run.c). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "child_report.h"
#include "emergency.h"
#include "log.h"
#include "root_preload.h"
#include "shutdown.h"
#include "stages.h"
#include "service_cache.h"
#include "supervise.h"

/* The stages, indexed by the contract's stage names (lib/contract.h), in
 * boot order. */
static const stage_fn stages[STAGE_COUNT] = {
	[STAGE_EARLY] = stage_early,	   /* API filesystems, console */
	[STAGE_CONFIG] = stage_config,	   /* rosetta.* keys */
	[STAGE_MODULES] = stage_modules,   /* transport, fuse, virtiofs, binfmt_misc */
	[STAGE_SHARE] = stage_share,	   /* mount the translator's virtiofs share */
	[STAGE_VERIFY] = stage_verify,	   /* file, ELF, optional SHA-256 pin */
	[STAGE_REGISTER] = stage_register, /* the binfmt_misc entry */
	[STAGE_ROOT] = stage_root,	   /* mount the x86-64 tree */
	[STAGE_SELFTEST] = stage_selftest, /* x86-64 code through it, sandboxed */
	[STAGE_SWITCH] = stage_switch,	   /* make it / */
	[STAGE_RUN] = stage_run,	   /* exec the tree's init, or supervise; shut down */
};

/* rosetta.break: the debug shell before the stage; the boot goes on after.
 * Before run, the initramfs is gone: the shell is the tree's own /bin/sh. */
static void stop_before(const struct boot_ctx *ctx, enum stage stage)
{
	const char *name = contract_stage_names[stage];
	char why[96];
	int r;

	if (strcmp(ctx->cfg.break_stage, name) != 0)
		return;
	snprintf(why, sizeof(why), "break: stopped before stage %s (rosetta.break)", name);
	r = debug_shell_run(why);
	if (r < 0)
		log_warn("break: no debug shell (%s), going on with %s", strerror(-r), name);
	else
		log_info("break: debug shell exited, going on with %s", name);
}

/* A failed boot stops the work begun ahead of its stage, so that the
 * emergency shell has the console and the machine to itself. */
static void stop_children(struct boot_ctx *ctx)
{
	child_report_stop(&ctx->selftest);
	child_report_stop(&ctx->root_preload);
}

/* Run never returns but to fail, so the loop ends in the shutdown. */
static void __attribute__((noreturn)) boot(struct boot_ctx *ctx)
{
	for (int i = 0; i < STAGE_COUNT; i++) {
		struct failure f;

		/* Work that overlaps the stages before the one that needs it:
		 * the root's modules load while the modules stage loads the
		 * rest (root_preload.h); the self-test needs only the
		 * registered handler, so its program runs while stage root
		 * mounts the tree, and stage selftest takes the verdict. */
		if (i == STAGE_ROOT)
			selftest_begin(ctx);
		stop_before(ctx, (enum stage)i);
		/* After rosetta.break=modules's shell: nothing loads before it. */
		if (i == STAGE_MODULES)
			root_preload_begin(ctx);
		if (stage_step((enum stage)i, stages[i], ctx, &f) < 0) {
			stop_children(ctx);
			emergency(ctx, &f);
		}
	}
	/* Not reached: run shuts down, or fails to the emergency. PID 1 must
	 * not exit all the same. */
	shutdown_system(RB_POWER_OFF);
}

int main(void)
{
	struct boot_ctx ctx = {
		.config_file = CONFIG_FILE,
		.cmdline = CMDLINE_FILE,
		.sys_dir = "/sys",
		.binfmt_dir = "/proc/sys/fs/binfmt_misc",
		.modules_dir = "/lib/modules",
		.newroot = "/newroot",
		.selftest_prog = SELFTEST_PROGRAM,
		.translator_fd = -1,
		.selftest = CHILD_REPORT_NONE,
		.root_preload = CHILD_REPORT_NONE,
		.oldroot_fd = -1,
		.console = "/dev/console",
		.rosettad_dir = CACHE_LINK_DIR,
		.shutdown_root = "/",
	};
	sigset_t set;

	if (getpid() != 1) {
		fprintf(stderr, "rosetta-init: must run as PID 1 (the kernel's /init)\n");
		return 2;
	}
	supervise_signals(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	/* ctrl-alt-del becomes a SIGINT to PID 1 instead of an instant reboot. */
	reboot(RB_DISABLE_CAD);
	config_defaults(&ctx.cfg);
	boot(&ctx);
}
