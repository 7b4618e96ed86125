/* Stage share: mount the virtiofs share that carries the translator,
 * read-only, at rosetta.mount. The host may attach the device a little after
 * the kernel starts, so the mount is retried until rosetta.timeout. What it
 * looks at first (share.h) also tells rosettactl activate, on a system that
 * booted long ago, whether there is a share to mount at all. */
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "log.h"
#include "mount.h"
#include "share.h"
#include "stages.h"

#define VIRTIO_ID_FS 0x1a

/* The first line of dir/name, without its newline, into buf. */
static int read_line(const char *dir, const char *name, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Call fn for each entry of sys_dir/sub that is not . or ..; stops at the
 * first non-zero return and returns it. -errno when there is no such
 * directory. */
static int each_entry(const char *sys_dir, const char *sub,
		      int (*fn)(void *arg, const char *dir, const char *name), void *arg)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int r = 0;

	if (snprintf(path, sizeof(path), "%s/%s", sys_dir, sub) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return -errno;
	while (r == 0 && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			r = fn(arg, path, e->d_name);
	closedir(d);
	return r;
}

static int count_one(void *arg, const char *dir, const char *name)
{
	char rel[300], id[32];

	snprintf(rel, sizeof(rel), "%s/device", name);
	if (read_line(dir, rel, id, sizeof(id)) == 0 && strtol(id, NULL, 16) == VIRTIO_ID_FS)
		++*(int *)arg;
	return 0;
}

int share_virtiofs_count(const char *sys_dir)
{
	int count = 0, r = each_entry(sys_dir, "bus/virtio/devices", count_one, &count);

	/* No virtio bus at all: no device either. */
	return r == -ENOENT ? 0 : r < 0 ? r : count;
}

static int has_tag(void *arg, const char *dir, const char *name)
{
	char rel[300], tag[CONFIG_STR_MAX];

	snprintf(rel, sizeof(rel), "%s/tag", name);
	return read_line(dir, rel, tag, sizeof(tag)) == 0 && !strcmp(tag, (const char *)arg);
}

int share_tag_listed(const char *sys_dir, const char *tag)
{
	return each_entry(sys_dir, "fs/virtiofs", has_tag, (void *)tag);
}

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
	int devices = share_virtiofs_count(ctx->sys_dir);

	if (devices <= 0)
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
		log_info("share: %s already mounted", cfg->mount);
		return 0;
	}
	r = mount_virtiofs_wait(cfg->tag, cfg->mount, flags, NULL, deadline);
	if (r == -ETIMEDOUT)
		return missing_tag(ctx, f);
	if (r < 0)
		return fail(f, -r, "check the share's tag and that the kernel has VIRTIO_FS",
			    "mounting virtiofs tag '%s' on %s", cfg->tag, cfg->mount);
	log_info("share: tag '%s' mounted read-only on %s", cfg->tag, cfg->mount);
	return 0;
}
