/* rosetta-init: PID 1 of a guest that runs x86-64 programs through Rosetta.
 * Walks the boot stages in order, timing each; on a failure, reports it once
 * and follows rosetta.emergency. Then supervises the entry and shuts down. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "emergency.h"
#include "exec.h"
#include "lib/signals.h"
#include "log.h"
#include "shutdown.h"
#include "stages.h"
#include "supervise.h"

/* The boot stages, indexed by the contract's stage names (lib/contract.h),
 * in boot order; run, the last name, is run() below. */
static int (*const stages[STAGE_RUN])(struct boot_ctx *ctx, struct failure *f) = {
	[STAGE_EARLY] = stage_early,	   /* API filesystems, console */
	[STAGE_CONFIG] = stage_config,	   /* rosetta.* keys */
	[STAGE_MODULES] = stage_modules,   /* coldplug, fuse, virtiofs, binfmt_misc */
	[STAGE_SHARE] = stage_share,	   /* mount the translator's virtiofs share */
	[STAGE_VERIFY] = stage_verify,	   /* file, ELF, optional SHA-256 pin */
	[STAGE_REGISTER] = stage_register, /* the binfmt_misc entry */
	[STAGE_SELFTEST] = stage_selftest, /* x86-64 code through it, sandboxed */
	[STAGE_ROOT] = stage_root,	   /* mount the x86-64 tree */
	[STAGE_SWITCH] = stage_switch,	   /* make it / */
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

static void boot(struct boot_ctx *ctx)
{
	for (int i = 0; i < STAGE_RUN; i++) {
		struct failure f = { .stage = contract_stage_names[i] };
		uint64_t start;

		stop_before(ctx, (enum stage)i);
		start = boot_ms();
		if (stages[i](ctx, &f) < 0)
			emergency(ctx, &f);
		log_info("%s ... ok (%llu ms)", f.stage, (unsigned long long)(boot_ms() - start));
	}
}

/* The old initramfs is freed by a child while the entry starts: the sweep
 * is hundreds of unlinks, none of which the entry has to wait for. */
static void free_old_root_aside(struct boot_ctx *ctx)
{
	pid_t pid;

	if (ctx->oldroot_fd < 0)
		return;
	pid = fork();
	if (pid == 0) {
		/* Not PID 1: shutdown's SIGTERM must end it. */
		signals_reset();
		switch_free_old_root(ctx);
		_exit(0);
	}
	if (pid < 0) {
		log_warn("switch: cannot fork to free the initramfs (%s), freeing it now",
			 strerror(errno));
		switch_free_old_root(ctx);
		return;
	}
	close(ctx->oldroot_fd);
	ctx->oldroot_fd = -1;
}

/* After the switch: hand PID 1 to the tree's init (exec mode), or supervise
 * the entry and services until the entry ends or a power request, then shut
 * down. */
static void __attribute__((noreturn)) run(struct boot_ctx *ctx)
{
	struct supervisor sv = {
		.ctx = ctx,
		.console = "/dev/console",
		.rosettad_dir = "/run/rosettad",
	};
	struct shutdown_opts so;

	/* verify and register needed it; the F flag keeps the kernel's own. */
	if (ctx->translator_fd >= 0) {
		close(ctx->translator_fd);
		ctx->translator_fd = -1;
	}
	stop_before(ctx, STAGE_RUN);
	if (ctx->cfg.exec[0]) {
		struct failure f = { .stage = contract_stage_names[STAGE_RUN] };

		/* Nothing of ours runs after the exec to do it later. */
		switch_free_old_root(ctx);
		exec_init(ctx, &f);
		emergency(ctx, &f);
	}
	free_old_root_aside(ctx);
	shutdown_defaults(&so);
	so.timeout_ms = ctx->cfg.shutdown_timeout_ms;
	so.binfmt_dir = ctx->binfmt_dir;
	so.reaped = supervise_reaped;
	so.arg = &sv;
	shutdown_run(&so, supervise(&sv));
}

int main(void)
{
	struct boot_ctx ctx = {
		.binfmt_dir = "/proc/sys/fs/binfmt_misc",
		.modules_dir = "/lib/modules",
		.newroot = "/newroot",
		.selftest_prog = "/lib/rosetta/selftest",
		.translator_fd = -1,
		.oldroot_fd = -1,
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
	run(&ctx);
}
