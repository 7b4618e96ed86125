/* Stage run, the last: after the switch, hand PID 1 to the tree's init (exec
 * mode), or supervise the entry and the services until the entry ends or a
 * power request, then shut down. The init and the supervise harness both
 * run it, so the harness tests the wiring the guest boots with. */
#include <errno.h>
#include <sched.h>
#include <sys/syscall.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "lib/signals.h"
#include "log.h"
#include "shutdown.h"
#include "stages.h"
#include "supervise.h"

/* The old initramfs is freed by a child while the entry starts: the sweep
 * is hundreds of unlinks, none of which the entry has to wait for. At
 * SCHED_IDLE it takes only the CPU time nothing else wants, so it never
 * competes with the entry for the guest's vCPUs. */
static void free_old_root_aside(struct boot_ctx *ctx)
{
	pid_t pid;

	if (ctx->oldroot_fd < 0)
		return;
	pid = fork();
	if (pid == 0) {
		static const struct sched_param idle = { .sched_priority = 0 };

		/* Not PID 1: shutdown's SIGTERM must end it. */
		signals_reset();
		/* musl's sched_setscheduler() is a stub that fails with ENOSYS. */
		if (syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &idle) < 0)
			log_warn("switch: freeing the initramfs at SCHED_IDLE: %s",
				 strerror(errno));
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

int stage_run(struct boot_ctx *ctx, struct failure *f)
{
	struct supervisor sv = {
		.ctx = ctx,
		.console = ctx->console,
		.rosettad_dir = ctx->rosettad_dir,
	};
	struct shutdown_opts so;

	/* verify and register needed it; the F flag keeps the kernel's own. */
	if (ctx->translator_fd >= 0) {
		close(ctx->translator_fd);
		ctx->translator_fd = -1;
	}
	if (ctx->cfg.exec[0]) {
		/* Nothing of ours runs after the exec to do it later. */
		switch_free_old_root(ctx);
		return exec_init(ctx, f);
	}
	free_old_root_aside(ctx);
	shutdown_defaults(&so);
	so.timeout_ms = ctx->cfg.shutdown_timeout_ms;
	so.binfmt_dir = ctx->binfmt_dir;
	if (ctx->shutdown_root)
		so.root = ctx->shutdown_root;
	else
		so.mountinfo = NULL;
	so.reaped = supervise_reaped;
	so.reboot = ctx->reboot;
	so.arg = &sv;
	shutdown_run(&so, supervise(&sv));
}
