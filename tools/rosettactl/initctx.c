/* The init's context and log for rosettactl; see initctx.h. */
#include "initctx.h"

#include <errno.h>
#include <string.h>

#include "init/log.h"
#include "lib/cli.h"

int rctl_init_ctx(struct rctl_init *in, const struct rctl_target *t, const char *program)
{
	struct boot_ctx *ctx = &in->ctx;

	memset(in, 0, sizeof(*in));
	if (!rctl_proc_path(t, "cmdline", in->cmdline, sizeof(in->cmdline)))
		return -ENAMETOOLONG;
	ctx->cfg = t->cfg;
	ctx->config_file = t->config_file;
	ctx->cmdline = in->cmdline;
	ctx->sys_dir = t->sys;
	ctx->binfmt_dir = t->binfmt_dir;
	ctx->modules_dir = "/lib/modules";
	ctx->selftest_prog = program ? program : SELFTEST_PROGRAM;
	ctx->translator_fd = -1;
	ctx->oldroot_fd = -1;
	if ((size_t)snprintf(ctx->translator, sizeof(ctx->translator), "%s", t->translator) >=
	    sizeof(ctx->translator))
		return -ENAMETOOLONG;
	return 0;
}

static void to_report(void *arg, const char *label, const char *msg)
{
	struct report *rep = arg;

	report_add(rep, strcmp(label, "error: ") ? CLI_EXIT_OK : CLI_EXIT_FAILED, "%s%s", label,
		   msg);
}

void rctl_init_log_to(struct report *rep)
{
	log_set_sink(to_report, rep);
}
