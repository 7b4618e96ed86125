/* Stage register: make the kernel run x86-64 ELF programs through the
 * verified translator. Idempotent: an identical entry is kept, a different
 * one of the same name replaced; the entry is read back and compared. */
#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include "binfmt/binfmtfs.h"
#include "log.h"
#include "mount.h"
#include "stages.h"

static const char *const action_str[] = {
	[BINFMT_ADDED] = "registered",
	[BINFMT_KEPT] = "already registered",
	[BINFMT_REPLACED] = "replaced",
};

int stage_register(struct boot_ctx *ctx, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	enum binfmt_install_action action;
	struct binfmt_entry e;
	int r = binfmt_fs_is_mounted(ctx->binfmt_dir);

	if (r == 0)
		r = mount_at("binfmt_misc", ctx->binfmt_dir, "binfmt_misc",
			     MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
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
	if (r < 0)
		return fail(f, -r, "check the kernel log (dmesg) for binfmt_misc messages",
			    "registering %s in %s", e.name, ctx->binfmt_dir);
	log_info("register: %s %s/%s -> %s (flags %s)", action_str[action], ctx->binfmt_dir, e.name,
		 e.interpreter, e.flags);
	return 0;
}
