/* The init's Rosetta stages run by another program; see activate.h. Only
 * what a booted system adds is here: the quiet look first (already active,
 * no share), the self-test program's presence, and putting the rivals back
 * when the self-test fails. Everything else is the stages' own code. */
#include "activate.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/binfmtfs.h"
#include "lib/array_size.h"
#include "log.h"
#include "share.h"
#include "virtiofs.h"

static const struct {
	enum stage stage;
	stage_fn fn;
} steps[] = {
	{ STAGE_SHARE, stage_share },
	{ STAGE_VERIFY, stage_verify },
	{ STAGE_REGISTER, stage_register },
	{ STAGE_SELFTEST, stage_selftest },
};

static int apply_opts(struct config *cfg, const struct activate_opts *o)
{
	if (o->mount &&
	    snprintf(cfg->mount, sizeof(cfg->mount), "%s", o->mount) >= (int)sizeof(cfg->mount))
		return -ENAMETOOLONG;
	return 0;
}

/* The kernel holds, enabled, exactly the entry stage register would write. */
static bool already_active(const char *dir, const struct config *cfg, char *why, size_t size)
{
	char translator[CONFIG_STR_MAX + 16];
	struct binfmt_entry e;
	struct binfmt_status st;

	snprintf(translator, sizeof(translator), "%s/" DEFAULT_TRANSLATOR_FILE, cfg->mount);
	if (binfmt_entry_rosetta(&e, cfg->binfmt_name, translator, cfg->binfmt_flags) < 0 ||
	    binfmt_fs_read(dir, e.name, &st) < 0 || !binfmt_status_matches(&st, &e))
		return false;
	snprintf(why, size, "%s/%s -> %s (flags %s)", dir, cfg->binfmt_name, translator, st.flags);
	return true;
}

static int is_tag(void *arg, const char *tag)
{
	return !strcmp(tag, (const char *)arg);
}

/* What sysfs says of the share, when it says enough: no virtio-fs device,
 * or none with the tag. A kernel that lists no tags leaves it to stage
 * share. */
static bool share_absent(const char *sys_dir, const struct config *cfg, char *why, size_t size)
{
	int devices = virtiofs_count_devices(sys_dir);

	if (share_is_mounted(cfg->mount))
		return false;
	if (devices == 0) {
		snprintf(why, size, "no virtio-fs device (tag '%s')", cfg->tag);
		return true;
	}
	if (virtiofs_tags(sys_dir, is_tag, (void *)cfg->tag) != 0)
		return false;
	snprintf(why, size, "%d virtio-fs device(s), none tagged '%s'", devices, cfg->tag);
	return true;
}

/* The quiet look, before anything is logged or changed. A configuration
 * that cannot be read is left to stage config to report. */
static bool nothing_to_do(const struct boot_ctx *ctx, const struct activate_opts *o,
			  struct activate_result *res)
{
	struct config cfg;

	if (config_load(&cfg, ctx->config_file, ctx->cmdline, NULL, NULL) < 0 ||
	    apply_opts(&cfg, o) < 0)
		return false;
	if (already_active(ctx->binfmt_dir, &cfg, res->why, sizeof(res->why))) {
		res->outcome = ACTIVATE_ALREADY;
		return true;
	}
	if (!o->no_mount && share_absent(ctx->sys_dir, &cfg, res->why, sizeof(res->why))) {
		res->outcome = ACTIVATE_NO_SHARE;
		return true;
	}
	return false;
}

/* After stage config: the options, and the self-test program the selftest
 * stage will need, checked before anything is registered. */
static int prepare(struct boot_ctx *ctx, const struct activate_opts *o, struct failure *f)
{
	memset(f, 0, sizeof(*f));
	f->stage = contract_stage_names[STAGE_CONFIG];
	if (apply_opts(&ctx->cfg, o) < 0)
		return fail(f, ENAMETOOLONG, "give a shorter mount point", "the mount point %s",
			    o->mount);
	snprintf(ctx->translator, sizeof(ctx->translator), "%s/" DEFAULT_TRANSLATOR_FILE,
		 ctx->cfg.mount);
	f->stage = contract_stage_names[STAGE_SELFTEST];
	if (ctx->cfg.selftest && access(ctx->selftest_prog, F_OK) < 0)
		return fail(f, errno,
			    "install the x86-64 self-test program there, or set rosetta.selftest=0",
			    "looking for the self-test program %s", ctx->selftest_prog);
	return 0;
}

static void log_fate(void *arg, const char *name, enum rival_fate fate, int err)
{
	const char *dir = arg;

	if (fate == RIVAL_ENABLED)
		log_info("activate: enabled %s/%s again", dir, name);
	else if (fate == RIVAL_FAILED)
		log_warn("activate: enabling %s/%s again: %s", dir, name, strerror(err));
}

/* A self-test that failed leaves the system as it was found: the stage
 * removed the entry after a verdict, not when its sandbox could not be set
 * up; the rivals take over again. */
static void undo_register(struct boot_ctx *ctx)
{
	const char *dir = ctx->binfmt_dir, *name = ctx->cfg.binfmt_name;
	struct binfmt_status st;

	if (binfmt_fs_read(dir, name, &st) != -ENOENT && binfmt_fs_control(dir, name, "-1") == 0)
		log_info("activate: unregistered %s/%s", dir, name);
	rivals_enable(dir, &ctx->disabled, log_fate, (void *)dir);
	memset(&ctx->disabled, 0, sizeof(ctx->disabled));
}

static int run_steps(struct boot_ctx *ctx, const struct activate_opts *o, struct failure *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		int r;

		if (steps[i].stage == STAGE_SHARE && o->no_mount) {
			log_info("share: %s used as it is, not mounted", ctx->cfg.mount);
			continue;
		}
		r = stage_step(steps[i].stage, steps[i].fn, ctx, f);
		if (r < 0 && steps[i].stage == STAGE_SELFTEST)
			undo_register(ctx);
		if (r < 0)
			return r;
	}
	return 0;
}

int activate_run(struct boot_ctx *ctx, const struct activate_opts *o, struct failure *f,
		 struct activate_result *res)
{
	int r;

	memset(res, 0, sizeof(*res));
	memset(&ctx->disabled, 0, sizeof(ctx->disabled));
	if (nothing_to_do(ctx, o, res))
		return 0;
	r = stage_step(STAGE_CONFIG, stage_config, ctx, f);
	if (r == 0)
		r = prepare(ctx, o, f);
	if (r == 0)
		r = run_steps(ctx, o, f);
	if (ctx->translator_fd >= 0)
		close(ctx->translator_fd);
	ctx->translator_fd = -1;
	/* An older kernel lists no tags: the share stage found none. */
	if (r == -ENXIO && !strcmp(f->stage, contract_stage_names[STAGE_SHARE])) {
		res->outcome = ACTIVATE_NO_SHARE;
		snprintf(res->why, sizeof(res->why), "%s", f->what);
		return 0;
	}
	if (r == 0)
		res->outcome = ACTIVATE_DONE;
	return r;
}
