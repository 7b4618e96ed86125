/* Stage config: apply /etc/rosetta-init.conf, then the rosetta.* keys of
 * /proc/cmdline (the command line wins), then the log level they chose. Bad
 * values are warned about and keep their defaults; only an unreadable command
 * line or an unusable entry fails the stage. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/whole_file.h"
#include "log.h"
#include "stages.h"

void config_warn_log(void *arg, const char *where, const char *key, const char *problem)
{
	(void)arg;
	log_warn("%s: %s%s%s (ignored)", where ? where : "kernel command line", key,
		 *key ? ": " : "", problem);
}

int read_cmdline(char *buf, size_t size)
{
	return read_cmdline_at(CMDLINE_FILE, buf, size);
}

int read_cmdline_at(const char *path, char *buf, size_t size)
{
	int r = read_first_line(path, buf, size);

	if (r == -ENODATA) /* an empty command line is one */
		buf[0] = '\0';
	return r == -ENODATA ? 0 : r;
}

/* What the info line leaves out, for rosetta.debug. */
static void log_details(const struct config *cfg)
{
	char user[32];

	log_debug("config: exec=%s break=%s cache=%s emergency=%s verify=%s timeout=%u ms "
		  "shutdown.timeout=%u ms",
		  cfg->exec, cfg->break_stage, cfg->cache, config_emergency_names[cfg->emergency],
		  config_verify_names[cfg->verify], cfg->timeout_ms, cfg->shutdown_timeout_ms);
	log_debug("config: workdir=%s user=%s", cfg->workdir,
		  config_user_text(cfg, user, sizeof(user)));
	for (int i = 0; i < CONFIG_ENV_MAX && cfg->env[i][0]; i++)
		log_debug("config: env %s", cfg->env[i]);
	for (unsigned int i = 0; i < cfg->nservices; i++) {
		const struct service_config *s = &cfg->services[i];

		log_debug("config: service %s: %s (restart %s, backoff %u ms, max %u, deny %s)",
			  s->name, s->argv_line, config_restart_names[s->restart], s->backoff_ms,
			  s->max_restarts, s->deny[0] ? s->deny : "none");
	}
}

int config_load(struct config *cfg, const char *file, const char *cmdline, config_warn_fn warn,
		void *arg)
{
	char text[CMDLINE_MAX];
	int rc = read_cmdline_at(cmdline, text, sizeof(text));

	if (rc < 0)
		return rc;
	config_defaults(cfg);
	rc = config_read_file(cfg, file, warn, arg);
	if (rc < 0 && warn)
		warn(arg, file, "", strerror(-rc));
	config_parse_cmdline(cfg, text, warn, arg);
	return 0;
}

const char *config_user_text(const struct config *cfg, char *buf, size_t size)
{
	if (!cfg->has_user)
		snprintf(buf, size, "unchanged");
	else
		snprintf(buf, size, "%u:%u", (unsigned int)cfg->uid, (unsigned int)cfg->gid);
	return buf;
}

static int split_entry(struct boot_ctx *ctx, const char *from, struct failure *f)
{
	if (config_split_entry(ctx->cfg.entry, ctx->entry_buf, sizeof(ctx->entry_buf),
			       ctx->entry_argv, CONFIG_ARGV_MAX) <= 0)
		return fail(f, EINVAL, "quote words of rosetta.entry=\"...\" with single quotes",
			    "splitting %s '%s' into words", from, ctx->cfg.entry);
	return 0;
}

static int entry_absolute(const struct boot_ctx *ctx, const char *from, struct failure *f)
{
	if (ctx->entry_argv[0][0] != '/')
		return fail(f, EINVAL, "start rosetta.entry with an absolute path, e.g. /bin/sh",
			    "%s '%s' does not start with an absolute path", from, ctx->cfg.entry);
	return 0;
}

int config_entry_words(struct boot_ctx *ctx, const char *from, struct failure *f)
{
	int r = split_entry(ctx, from, f);

	return r < 0 ? r : entry_absolute(ctx, from, f);
}

int stage_config(struct boot_ctx *ctx, struct failure *f)
{
	int rc = config_load(&ctx->cfg, ctx->config_file, ctx->cmdline, config_warn_log, NULL);

	if (rc < 0)
		return fail(f, -rc, "check that /proc is mounted", "reading %s", ctx->cmdline);
	log_set_level(ctx->cfg.log_level);

	rc = split_entry(ctx, "rosetta.entry", f);
	if (rc < 0)
		return rc;
	snprintf(ctx->translator, sizeof(ctx->translator), "%s/" DEFAULT_TRANSLATOR_FILE,
		 ctx->cfg.mount);
	stage_say(ctx, "tag=%s mount=%s root=%s entry=%s flags=%s", ctx->cfg.tag, ctx->cfg.mount,
		  ctx->cfg.root, ctx->cfg.entry, ctx->cfg.binfmt_flags);
	log_details(&ctx->cfg);
	ctx->configured = true;
	return entry_absolute(ctx, "rosetta.entry", f);
}
