/* Stage config: read the rosetta.* keys from /proc/cmdline. Bad values are
 * warned about and keep their defaults; only an unreadable command line or an
 * unusable entry fails the stage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "log.h"
#include "stages.h"

static void warn_key(void *arg, const char *key, const char *problem)
{
	(void)arg;
	log_warn("kernel command line: %s: %s (ignored)", key, problem);
}

int stage_config(struct boot_ctx *ctx, struct failure *f)
{
	char cmdline[4096];
	ssize_t n;
	int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail(f, errno, "check that /proc is mounted", "opening /proc/cmdline");
	n = read(fd, cmdline, sizeof(cmdline) - 1);
	close(fd);
	if (n < 0)
		return fail(f, errno, "check that /proc is mounted", "reading /proc/cmdline");
	cmdline[n] = '\0';

	config_defaults(&ctx->cfg);
	config_parse_cmdline(&ctx->cfg, cmdline, warn_key, NULL);
	if (config_split_entry(ctx->cfg.entry, ctx->entry_buf, sizeof(ctx->entry_buf),
			       ctx->entry_argv, CONFIG_ARGV_MAX) <= 0)
		return fail(f, EINVAL, "quote words of rosetta.entry=\"...\" with single quotes",
			    "splitting rosetta.entry '%s' into words", ctx->cfg.entry);
	snprintf(ctx->translator, sizeof(ctx->translator), "%s/rosetta", ctx->cfg.mount);
	log_info("config: tag=%s mount=%s root=%s entry=%s flags=%s", ctx->cfg.tag, ctx->cfg.mount,
		 ctx->cfg.root, ctx->cfg.entry, ctx->cfg.binfmt_flags);
	if (ctx->entry_argv[0][0] != '/')
		return fail(f, EINVAL, "start rosetta.entry with an absolute path, e.g. /bin/sh",
			    "rosetta.entry '%s' does not start with an absolute path",
			    ctx->cfg.entry);
	return 0;
}
