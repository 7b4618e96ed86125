/* activate: on a system that did not boot through rosetta-init, what its
 * share, verify, register and selftest stages do, by the init's own code
 * (init/activate.h), its lines in the report; then what the register stage
 * disabled is recorded for deactivate. */
#include <errno.h>
#include <string.h>

#include "activation.h"
#include "command.h"
#include "here.h"
#include "init/activate.h"
#include "init/log.h"
#include "initctx.h"
#include "lib/cli.h"

/* Add this activation to what the state file holds already: an earlier
 * activation's rivals stay disabled, and named. */
static int record(struct rctl_ctx *c, const char *path, const struct boot_ctx *ctx)
{
	struct activation a;
	unsigned int bad;
	int r = activation_read(path, &a, &bad);

	if (r == -EINVAL)
		return report_add(c->rep, CLI_EXIT_FAILED,
				  "%s:%u: not a line of rosettactl's; the rivals disabled now are "
				  "not recorded for deactivate",
				  path, bad);
	if (r < 0 && r != -ENOENT)
		return report_add(
		    c->rep, CLI_EXIT_SYSTEM,
		    "cannot read %s: %s; the rivals disabled now are not recorded for "
		    "deactivate",
		    path, strerror(-r));
	activation_merge(&a, ctx->cfg.binfmt_name, &ctx->disabled);
	r = activation_write(path, &a);
	if (r < 0)
		return report_add(c->rep, CLI_EXIT_SYSTEM,
				  "cannot write %s: %s; deactivate will not know what to enable "
				  "again",
				  path, strerror(-r));
	if (ctx->disabled.unnamed)
		report_add(c->rep, CLI_EXIT_OK,
			   "warning: %u more rivals were disabled than %s names; deactivate "
			   "leaves them disabled",
			   ctx->disabled.unnamed, path);
	return CLI_EXIT_OK;
}

static int outcome(struct rctl_ctx *c, const struct boot_ctx *ctx,
		   const struct activate_result *res, const char *state)
{
	int code;

	switch (res->outcome) {
	case ACTIVATE_NO_SHARE:
		report_add(c->rep, CLI_EXIT_OK,
			   "no Rosetta share attached (%s): nothing to activate", res->why);
		return CLI_EXIT_OK;
	case ACTIVATE_ALREADY:
		report_add(c->rep, CLI_EXIT_OK, "already active: %s", res->why);
		return CLI_EXIT_OK;
	case ACTIVATE_DONE:
		break;
	}
	code = record(c, state, ctx);
	report_add(c->rep, CLI_EXIT_OK, "activated: %s/%s -> %s", ctx->binfmt_dir,
		   ctx->cfg.binfmt_name, ctx->translator);
	return code;
}

static int run_activate(struct rctl_ctx *c)
{
	const struct rctl_args *a = c->args;
	const char *state = a->value[RCTL_OPT_STATE] ? a->value[RCTL_OPT_STATE] : RCTL_STATE_FILE;
	const struct activate_opts o = {
		.mount = a->where.mount,
		.no_mount = a->seen & RCTL_OPT(RCTL_OPT_NO_MOUNT),
	};
	struct activate_result res;
	struct rctl_init in;
	struct failure f;
	int r = rctl_init_ctx(&in, c->target, a->value[RCTL_OPT_PROGRAM]);

	if (r < 0)
		return report_add(c->rep, CLI_EXIT_FAILED, "path too long: %s", c->target->proc);
	rctl_init_log_to(c->rep);
	r = activate_run(&in.ctx, &o, &f, &res);
	if (r < 0) {
		failure_log(&f);
		return CLI_EXIT_FAILED;
	}
	return outcome(c, &in.ctx, &res, state);
}

const struct rctl_command rctl_cmd_activate = {
	.name = "activate",
	.operands = "",
	.help = "the init's share, verify, register and selftest\n"
		"stages, on a system that booted without it",
	.run = run_activate,
	.opts = RCTL_OPT(RCTL_OPT_PROGRAM) | RCTL_OPT(RCTL_OPT_NO_MOUNT) | RCTL_OPT(RCTL_OPT_STATE),
	.check = rctl_check_here,
};
