/* Stage switch: make the x86-64 tree the root, as util-linux switch_root
 * does: move /dev /proc /sys /run into it, move it onto /, chroot. The old
 * initramfs stays open, to be freed by switch_free_old_root once the entry
 * is on its way (it is off the boot's critical path): only when it is a
 * ramfs or tmpfs, never crossing into another filesystem, and never into
 * the tree's own directory, which lives in that same filesystem when
 * rosetta.root=initramfs:PATH. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "log.h"
#include "modules.h"
#include "mount.h"
#include "stages.h"
#include "lib/array_size.h"

static const char *const moved[] = { "/dev", "/proc", "/sys", "/run" };

struct sweep {
	dev_t dev;	/* the old root's filesystem */
	dev_t keep_dev; /* the directory never to enter */
	ino_t keep_ino;
	unsigned int removed;
};

static void sweep_dir(int dirfd, struct sweep *s)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *e;

	if (!d) {
		close(dirfd);
		return;
	}
	while ((e = readdir(d))) {
		struct stat st;
		int isdir = e->d_type == DT_DIR || e->d_type == DT_UNKNOWN;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		/* Only a directory can lead into another filesystem or be the
		 * tree: a file is unlinked unstat'ed (the kernel refuses to
		 * unlink a mount point), half the calls, as util-linux's
		 * switch_root does. */
		if (isdir && (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
			      st.st_dev != s->dev))
			continue;
		isdir = isdir && S_ISDIR(st.st_mode);
		if (isdir && st.st_ino == s->keep_ino && st.st_dev == s->keep_dev)
			continue;
		if (isdir) {
			int fd = openat(dirfd, e->d_name,
					O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0)
				sweep_dir(fd, s);
		}
		/* A directory that holds the tree stays, non-empty. */
		if (unlinkat(dirfd, e->d_name, isdir ? AT_REMOVEDIR : 0) == 0)
			s->removed++;
	}
	closedir(d);
}

void switch_free_old_root(struct boot_ctx *ctx)
{
	struct statfs sfs;
	struct stat st;
	struct sweep s = { .keep_dev = ctx->tree_dev, .keep_ino = ctx->tree_ino };
	int oldroot = ctx->oldroot_fd;

	if (oldroot < 0)
		return;
	ctx->oldroot_fd = -1;
	if (fstatfs(oldroot, &sfs) < 0 || fstat(oldroot, &st) < 0 ||
	    (sfs.f_type != RAMFS_MAGIC && sfs.f_type != TMPFS_MAGIC)) {
		log_warn("switch: old root is not a ramfs or tmpfs, left as it is");
		close(oldroot);
		return;
	}
	s.dev = st.st_dev;
	sweep_dir(oldroot, &s); /* closes oldroot */
	log_info("switch: freed the initramfs (%u entries)", s.removed);
}

static void move_api_mounts(const char *newroot)
{
	for (size_t i = 0; i < ARRAY_SIZE(moved); i++) {
		char target[512];
		int r;

		snprintf(target, sizeof(target), "%s%s", newroot, moved[i]);
		r = mount_plain(moved[i], target, NULL, MS_MOVE, NULL);
		if (r < 0) {
			log_warn("switch: moving %s to %s: %s; detaching it", moved[i], target,
				 strerror(-r));
			umount2(moved[i], MNT_DETACH);
		}
	}
}

int stage_switch(struct boot_ctx *ctx, struct failure *f)
{
	static const char remedy[] = "report this with the console log";
	int oldroot, r;

	modules_release(ctx);
	move_api_mounts(ctx->newroot);
	if (chdir(ctx->newroot) < 0)
		return fail(f, errno, remedy, "changing directory to %s", ctx->newroot);
	oldroot = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (oldroot < 0)
		return fail(f, errno, remedy, "opening the old root");
	r = mount_plain(ctx->newroot, "/", NULL, MS_MOVE, NULL);
	if (r < 0) {
		close(oldroot);
		return fail(f, -r, remedy, "moving %s onto /", ctx->newroot);
	}
	if (chroot(".") < 0 || chdir("/") < 0) {
		close(oldroot);
		return fail(f, errno, remedy, "changing root to %s", ctx->newroot);
	}
	ctx->oldroot_fd = oldroot;
	return 0;
}
