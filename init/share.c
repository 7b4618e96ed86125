/* Stage share: mount the virtiofs share that carries the translator,
 * read-only, at rosetta.mount. The host may attach the device a little after
 * the kernel starts, so the mount is retried until rosetta.timeout. A share
 * mounted already is kept as it is (share.h). */
#include <errno.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "log.h"
#include "mount.h"
#include "share.h"
#include "stages.h"
#include "virtiofs.h"

bool share_is_mounted(const char *path)
{
	struct statfs sfs;

	return statfs(path, &sfs) == 0 && sfs.f_type == FUSE_SUPER_MAGIC;
}

/* The tag never appeared. The record tells "no device" from "no such tag";
 * -ENXIO tells a caller that the share is missing, not failing to mount
 * (rosettactl activate on an older kernel, which lists no tags). */
static int missing_tag(struct boot_ctx *ctx, struct failure *f)
{
	int devices = virtiofs_count_devices(ctx->sys_dir);

	if (devices == 0)
		fail(f, EINVAL,
		     "attach the Rosetta share: Virtualization.framework "
		     "VZLinuxRosettaDirectoryShare, or qemu -device vhost-user-fs-pci,tag=rosetta",
		     "no virtio-fs device appeared within %u s (tag '%s')",
		     ctx->cfg.timeout_ms / 1000, ctx->cfg.tag);
	else
		fail(f, EINVAL, "set rosetta.tag= to the tag the host gives the Rosetta share",
		     "%d virtio-fs device(s) present, none tagged '%s' within %u s", devices,
		     ctx->cfg.tag, ctx->cfg.timeout_ms / 1000);
	return -ENXIO;
}

int stage_share(struct boot_ctx *ctx, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	unsigned long flags = MS_RDONLY | MS_NODEV | MS_NOSUID;
	uint64_t deadline = boot_ms() + cfg->timeout_ms;
	int r;

	if (share_is_mounted(cfg->mount)) {
		stage_say(ctx, "%s already mounted", cfg->mount);
		return 0;
	}
	r = mount_virtiofs_wait(cfg->tag, cfg->mount, flags, NULL, deadline);
	if (r == -ETIMEDOUT)
		return missing_tag(ctx, f);
	if (r < 0)
		return fail(f, -r, "check the share's tag and that the kernel has VIRTIO_FS",
			    "mounting virtiofs tag '%s' on %s", cfg->tag, cfg->mount);
	stage_say(ctx, "tag '%s' mounted read-only on %s", cfg->tag, cfg->mount);
	return 0;
}
