/* Stage register: make the kernel run x86-64 ELF programs through the
 * verified translator, with libbinfmt. Idempotent: an identical entry is
 * kept, a different one of the same name replaced, and the entry is read
 * back and compared. Other enabled handlers that match the same programs
 * (qemu-user-static's qemu-x86_64, an older rosetta entry under another
 * name) are disabled and named, since whichever the kernel meets first
 * would win; those disabled are named in the context, for rosettactl
 * deactivate to enable again. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "binfmt/binfmtfs.h"
#include "log.h"
#include "stages.h"

static const char *const action_str[] = {
	[BINFMT_ADDED] = "registered",
	[BINFMT_KEPT] = "already registered",
	[BINFMT_REPLACED] = "replaced",
};

static int disable_rival(void *arg, const struct binfmt_entry *other, bool enabled)
{
	struct boot_ctx *ctx = arg;
	const char *dir = ctx->binfmt_dir;
	int r;

	if (!enabled)
		return 0;
	r = binfmt_fs_control(dir, other->name, "0");
	if (r < 0) {
		log_warn("register: %s/%s (%s) also matches x86-64 programs and could not be "
			 "disabled: %s",
			 dir, other->name, other->interpreter, strerror(-r));
		return 0;
	}
	rivals_add(&ctx->disabled, other->name);
	log_warn("register: disabled %s/%s (%s): it also matches x86-64 programs", dir, other->name,
		 other->interpreter);
	return 0;
}

/* With F the kernel opened the translator's path when the entry was
 * written, and keeps that file: it must be the one verify checked. Only a
 * change between the kernel's open and this stat can slip by. */
static int check_same_file(struct boot_ctx *ctx, const struct binfmt_entry *e, struct failure *f)
{
	struct stat checked, now;

	if (!strchr(e->flags, 'F') || ctx->translator_fd < 0)
		return 0;
	if (fstat(ctx->translator_fd, &checked) < 0 || stat(ctx->translator, &now) < 0 ||
	    checked.st_dev != now.st_dev || checked.st_ino != now.st_ino ||
	    checked.st_size != now.st_size || checked.st_mtim.tv_sec != now.st_mtim.tv_sec ||
	    checked.st_mtim.tv_nsec != now.st_mtim.tv_nsec) {
		binfmt_fs_control(ctx->binfmt_dir, e->name, "-1");
		return fail(
		    f, 0,
		    "serve the translator from a share that nothing changes while the guest "
		    "boots",
		    "%s changed between verify and register (device, inode, size or "
		    "modification time): the entry %s was removed",
		    ctx->translator, e->name);
	}
	return 0;
}

/* Without F the kernel opens the path again at every exec: what verify
 * checked is not what runs. Strict checking insists on F; rosetta.verify=elf
 * is how a user says otherwise. */
static int check_flags(const struct boot_ctx *ctx, struct failure *f)
{
	if (ctx->cfg.verify != VERIFY_STRICT || strchr(ctx->cfg.binfmt_flags, 'F'))
		return 0;
	return fail(f, 0,
		    "add F to rosetta.binfmt.flags, or set rosetta.verify=elf to register without "
		    "it (the kernel then opens the translator anew at every exec)",
		    "rosetta.binfmt.flags=%s has no F, which rosetta.verify=strict requires",
		    ctx->cfg.binfmt_flags);
}

int stage_register(struct boot_ctx *ctx, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	enum binfmt_install_action action;
	struct binfmt_entry e;
	int r = check_flags(ctx, f);

	if (r < 0)
		return r;
	r = binfmt_fs_ensure_mounted(ctx->binfmt_dir);
	if (r < 0)
		return fail(f, -r, "build the kernel with BINFMT_MISC or ship binfmt_misc.ko",
			    "mounting binfmt_misc on %s", ctx->binfmt_dir);
	r = binfmt_entry_rosetta(&e, cfg->binfmt_name, ctx->translator, cfg->binfmt_flags);
	if (r < 0)
		return fail(f, -r, "choose another rosetta.binfmt.name or rosetta.mount",
			    "building the binfmt_misc entry '%s' for %s", cfg->binfmt_name,
			    ctx->translator);
	r = binfmt_fs_install(ctx->binfmt_dir, &e, &action);
	if (r == -EPROTO)
		return fail(f, 0, "report this: the kernel changed the entry it was given",
			    "entry %s/%s read back differs from what was registered",
			    ctx->binfmt_dir, e.name);
	if (r == -ENOENT)
		return fail(f, -r, "with flag F the translator must exist when it is registered",
			    "registering %s in %s", e.name, ctx->binfmt_dir);
	if (r < 0)
		return fail(f, -r, "check the kernel log (dmesg) for binfmt_misc messages",
			    "registering %s in %s", e.name, ctx->binfmt_dir);
	r = check_same_file(ctx, &e, f);
	if (r < 0)
		return r;
	stage_say(ctx, "%s %s/%s -> %s (flags %s)", action_str[action], ctx->binfmt_dir, e.name,
		  e.interpreter, e.flags);
	/* A rival that cannot be read is worth a warning, not a failed boot. */
	r = binfmt_fs_conflicts(ctx->binfmt_dir, &e, disable_rival, ctx);
	if (r < 0)
		log_warn("register: looking for other x86-64 handlers in %s: %s", ctx->binfmt_dir,
			 strerror(-r));
	return 0;
}
