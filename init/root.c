/* Stage root: make the x86-64 tree a mount at ctx->newroot and check that
 * the entry exists in it. With rosetta.root=initramfs:PATH the tree is a
 * directory of the initramfs itself, bind-mounted so that switch can move it
 * onto / (switch then spares that directory when it frees the initramfs). */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "mount.h"
#include "stages.h"

static const char remedy_tree[] =
    "build the initramfs with the x86-64 tree there, or set rosetta.root=initramfs:/PATH";

/* Resolve path as if newroot were /, so absolute symlinks such as
 * /bin/sh -> /bin/busybox stay inside the tree. */
static int open_in_root(int rootfd, const char *path)
{
	struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT };

	return (int)syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
}

/* Returns 0 with st filled, or -errno. */
static int stat_in_root(const char *root, const char *path, struct stat *st)
{
	int rootfd, fd, r = 0;

	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -errno;
	fd = open_in_root(rootfd, path);
	if (fd < 0 || fstat(fd, st) < 0)
		r = -errno;
	if (fd >= 0)
		close(fd);
	close(rootfd);
	return r;
}

static int check_entry(struct boot_ctx *ctx, struct failure *f)
{
	const char *entry = ctx->entry_argv[0];
	struct stat st = { 0 };
	int r = stat_in_root(ctx->newroot, entry, &st);

	if (r < 0)
		return fail(f, -r, "set rosetta.entry= to a program inside the x86-64 tree",
			    "entry %s in %s", entry, ctx->cfg.root);
	if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
		return fail(f, EACCES, "set rosetta.entry= to an executable file",
			    "entry %s in %s is not an executable file", entry, ctx->cfg.root);
	return 0;
}

int stage_root(struct boot_ctx *ctx, struct failure *f)
{
	const char *tree = ctx->cfg.root + strlen("initramfs:");
	struct stat st;
	int r;

	if (stat(tree, &st) < 0)
		return fail(f, errno, remedy_tree, "x86-64 tree %s", ctx->cfg.root);
	if (!S_ISDIR(st.st_mode))
		return fail(f, ENOTDIR, remedy_tree, "x86-64 tree %s", ctx->cfg.root);
	ctx->tree_dev = st.st_dev;
	ctx->tree_ino = st.st_ino;
	r = mount_at(tree, ctx->newroot, NULL, MS_BIND, NULL);
	if (r < 0)
		return fail(f, -r, remedy_tree, "bind-mounting %s on %s", tree, ctx->newroot);
	if (check_entry(ctx, f) < 0)
		return -1;
	log_info("root: %s on %s, entry %s", ctx->cfg.root, ctx->newroot, ctx->entry_argv[0]);
	return 0;
}
