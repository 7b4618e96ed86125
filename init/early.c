/* Stage early: the API filesystems and the console. Guarantees /dev, /proc,
 * /sys and /run are mounted and fds 0-2 are the console. Mounting is
 * idempotent, so `rosetta.break` shells and re-runs find them in place. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "stages.h"
#include "unpacked.h"
#include "lib/array_size.h"

struct api_mount {
	const char *source, *target, *type, *options;
	unsigned long flags;
	int required;
};

static const struct api_mount api_mounts[] = {
	{ "devtmpfs", "/dev", "devtmpfs", "mode=0755", MS_NOSUID, 1 },
	{ "proc", "/proc", "proc", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC, 1 },
	{ "sysfs", "/sys", "sysfs", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC, 1 },
	{ "tmpfs", "/run", "tmpfs", "mode=0755", MS_NOSUID | MS_NODEV, 1 },
	{ "devpts", "/dev/pts", "devpts", "mode=0620,ptmxmode=0666", MS_NOSUID | MS_NOEXEC, 0 },
	{ "tmpfs", "/dev/shm", "tmpfs", "mode=1777", MS_NOSUID | MS_NODEV, 0 },
	{ "cgroup2", "/sys/fs/cgroup", "cgroup2", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC, 0 },
};

/* The device of the last parent stat'ed: the first four targets share "/". */
struct parent_memo {
	char path[64];
	dev_t dev;
};

/* Whether target needs mounting: 1 when it is missing (made here, mode 0755)
 * or on its parent's device, 0 when something is mounted there already
 * (the boot goes on with it), -errno when it cannot be told. */
static int needs_mount(const char *target, struct parent_memo *memo)
{
	const char *slash = strrchr(target, '/');
	char parent[sizeof(memo->path)];
	struct stat self, up;

	if (stat(target, &self) < 0) {
		if (errno != ENOENT)
			return -errno;
		return mkdir(target, 0755) < 0 && errno != EEXIST ? -errno : 1;
	}
	snprintf(parent, sizeof(parent), "%.*s", slash == target ? 1 : (int)(slash - target),
		 target);
	if (strcmp(parent, memo->path) != 0) {
		if (stat(parent, &up) < 0)
			return -errno;
		snprintf(memo->path, sizeof(memo->path), "%s", parent);
		memo->dev = up.st_dev;
	}
	return self.st_dev == memo->dev;
}

static int mount_api(const struct api_mount *m, struct parent_memo *memo)
{
	int r = needs_mount(m->target, memo);

	if (r <= 0)
		return r;
	return mount(m->source, m->target, m->type, m->flags, m->options) < 0 ? -errno : 0;
}

/* The kernel gives /init the console as fds 0-2 (all three or none) when the
 * initramfs has /dev/console; otherwise they are made from devtmpfs's. */
static void console_stdio(void)
{
	int fd;

	if (fcntl(STDIN_FILENO, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static int check_unpacked(struct failure *f)
{
	char why[128];

	if (!initramfs_unpack_error(why, sizeof(why)))
		return 0;
	return fail(f, ENOSPC,
		    "give the VM more memory (rosetta-launch --memory), or boot a large tree from "
		    "a disk image or a host directory (rosetta.root=)",
		    "the kernel could not unpack the whole initramfs (%s): files are missing from "
		    "it",
		    why);
}

int stage_early(struct boot_ctx *ctx, struct failure *f)
{
	struct parent_memo memo = { .path = "" };

	(void)ctx;
	umask(022);
	for (size_t i = 0; i < ARRAY_SIZE(api_mounts); i++) {
		const struct api_mount *m = &api_mounts[i];
		int r = mount_api(m, &memo);

		if (r < 0 && m->required)
			return fail(f, -r,
				    "check that the kernel has DEVTMPFS, PROC_FS, SYSFS and TMPFS",
				    "mounting %s on %s", m->type, m->target);
		if (r < 0)
			log_warn("mounting %s on %s: %s (going on without it)", m->type, m->target,
				 strerror(-r));
		if (i == 0) {
			/* The kernel finds no /dev/console when the image lacks the node. */
			console_stdio();
			log_open_kmsg();
		}
	}
	return check_unpacked(f);
}
