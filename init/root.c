/* Stage root: mount the x86-64 tree that rosetta.root names at
 * ctx->newroot, optionally under a throwaway overlay, take what its image
 * config says (a root made by rosetta-mkroot), and check that the entry, in
 * its working directory (or rosetta.exec) can start in it. A refused or unknown root is a
 * failure: never a fallback to another tree. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blockdev.h"
#include "lib/clock.h"
#include "log.h"
#include "modules.h"
#include "mount.h"
#include "root_check.h"
#include "root_image.h"
#include "root_preload.h"
#include "stages.h"
#include "lib/array_size.h"

/* Under /run, which the switch moves into the new root: the layers of an
 * overlay root stay visible there, as initramfs-tools keeps /run/initramfs. */
#define OVERLAY_LOWER "/run/rosetta-root/lower"
#define OVERLAY_RW    "/run/rosetta-root/rw"

struct root_mounter {
	enum root_type type;
	const char *module; /* loaded first, when not built in; NULL for none */
	int (*mount)(struct boot_ctx *ctx, const struct root_spec *spec, const char *target,
		     unsigned long flags, struct failure *f);
};

/* A module that will not load may be built in: the mount that needs it says
 * what is wrong if it is not. One loaded already (by the modules stage, or
 * ahead by the preloader) shows in /sys/module: one call, not libkmod's
 * dozen. */
static void load_module(struct boot_ctx *ctx, const char *name)
{
	char path[256];
	int r;

	snprintf(path, sizeof(path), "%s/module/%s", ctx->sys_dir, name);
	if (access(path, F_OK) == 0)
		return;
	r = modules_load(ctx, name);
	if (r < 0)
		log_warn("root: loading the module %s: %s", name, strerror(-r));
}

static int mount_initramfs(struct boot_ctx *ctx, const struct root_spec *spec, const char *target,
			   unsigned long flags, struct failure *f)
{
	static const char remedy[] =
	    "build the initramfs with the x86-64 tree there, or set rosetta.root=initramfs:/PATH";
	struct stat st;
	int r;

	if (stat(spec->arg, &st) < 0)
		return fail(f, errno, remedy, "x86-64 tree %s", ctx->cfg.root);
	if (!S_ISDIR(st.st_mode))
		return fail(f, ENOTDIR, remedy, "x86-64 tree %s", ctx->cfg.root);
	/* The switch frees the initramfs around this directory. */
	ctx->tree_dev = st.st_dev;
	ctx->tree_ino = st.st_ino;
	r = mount_at(spec->arg, target, NULL, MS_BIND | flags, NULL);
	if (r < 0)
		return fail(f, -r, remedy, "bind-mounting %s on %s", spec->arg, target);
	return 0;
}

static int mount_virtiofs(struct boot_ctx *ctx, const struct root_spec *spec, const char *target,
			  unsigned long flags, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	int r =
	    mount_virtiofs_wait(spec->arg, target, flags, cfg->rootflags[0] ? cfg->rootflags : NULL,
				boot_ms() + cfg->timeout_ms);

	if (r == -ETIMEDOUT)
		return fail(f, ENODEV,
			    "share the tree's directory with that tag (rosetta-launch --root-dir), "
			    "or set rosetta.root=virtiofs:TAG to the tag the host gives it",
			    "no virtio-fs device tagged '%s' appeared within %u s", spec->arg,
			    cfg->timeout_ms / 1000);
	if (r < 0)
		return fail(f, -r, "check the share on the host and rosetta.rootflags=",
			    "mounting virtiofs tag '%s' on %s", spec->arg, target);
	return 0;
}

/* Wait for the device spec names, up to rosetta.timeout from the first to
 * wait for it (the preloader, when it ran: root_preload.h). */
static int find_device(struct boot_ctx *ctx, const struct root_spec *spec, struct blockdev *bd,
		       size_t *n, size_t *found)
{
	if (!ctx->root_device_deadline)
		ctx->root_device_deadline = boot_ms() + ctx->cfg.timeout_ms;
	return blockdev_wait(spec, ctx->root_device_deadline, bd, BLOCKDEV_MAX, n, found);
}

static int no_device(const struct boot_ctx *ctx, const struct blockdev *bd, size_t n,
		     struct failure *f)
{
	char seen[512];

	blockdev_describe(bd, n, seen, sizeof(seen));
	return fail(f, ENODEV,
		    "attach the disk (rosetta-launch --root-image), or set rosetta.root= to one of "
		    "the devices seen",
		    "no block device matches %s within %u s; devices seen: %s", ctx->cfg.root,
		    ctx->cfg.timeout_ms / 1000, seen);
}

static int mount_block(struct boot_ctx *ctx, const struct root_spec *spec, const char *target,
		       unsigned long flags, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	struct blockdev bd[BLOCKDEV_MAX];
	char dev[64];
	const char *type;
	size_t n, i;
	int r;

	if (find_device(ctx, spec, bd, &n, &i) < 0)
		return no_device(ctx, bd, n, f);
	snprintf(dev, sizeof(dev), "/dev/%s", bd[i].name);
	type = cfg->rootfstype[0] ? cfg->rootfstype : bd[i].type;
	if (!type[0])
		return fail(f, EINVAL,
			    "give the VM a disk image that holds a filesystem (e.g. made with "
			    "mkfs.ext4 -d TREE IMAGE), or set rosetta.rootfstype=",
			    "%s holds no filesystem that libblkid recognises", dev);
	load_module(ctx, type);
	r = mount_at(dev, target, type, flags, cfg->rootflags[0] ? cfg->rootflags : NULL);
	if (r < 0)
		return fail(
		    f, -r,
		    "check the filesystem (fsck), rosetta.rootfstype= and rosetta.rootflags=; "
		    "the kernel must know the type (/proc/filesystems)",
		    "mounting %s (%s%s) on %s", dev, type,
		    cfg->rootfstype[0] ? ", from rosetta.rootfstype" : " as libblkid sees it",
		    target);
	log_info("root: %s is %s (%s%s%s)", cfg->root, dev, type, bd[i].label[0] ? ", label " : "",
		 bd[i].label);
	return 0;
}

/* One line per form of rosetta.root (lib/contract.h). */
static const struct root_mounter mounters[] = {
	{ ROOT_INITRAMFS, NULL, mount_initramfs },
	{ ROOT_VIRTIOFS, NULL, mount_virtiofs }, /* the modules stage loads virtiofs */
	{ ROOT_DEVICE, "virtio_blk", mount_block },
	{ ROOT_LABEL, "virtio_blk", mount_block },
	{ ROOT_UUID, "virtio_blk", mount_block },
	{ ROOT_PARTUUID, "virtio_blk", mount_block },
};

/* The tree read-only at OVERLAY_LOWER, a tmpfs for the writes, and the
 * overlay of both at newroot: nothing written reaches the tree. */
static int mount_overlay(struct boot_ctx *ctx, const struct root_mounter *t,
			 const struct root_spec *spec, struct failure *f)
{
	static const char remedy[] = "boot without rosetta.overlay=tmpfs, or check that the kernel "
				     "has OVERLAY_FS (module overlay)";
	char opts[256];
	int r;

	r = t->mount(ctx, spec, OVERLAY_LOWER, MS_RDONLY, f);
	if (r < 0)
		return r;
	load_module(ctx, "overlay");
	r = mount_at("tmpfs", OVERLAY_RW, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
	if (r == 0 && (mkdir(OVERLAY_RW "/upper", 0755) < 0 || mkdir(OVERLAY_RW "/work", 0755) < 0))
		r = -errno;
	if (r < 0)
		return fail(f, -r, remedy, "making the overlay's tmpfs layer at %s", OVERLAY_RW);
	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s/upper,workdir=%s/work", OVERLAY_LOWER,
		 OVERLAY_RW, OVERLAY_RW);
	r = mount_at("overlay", ctx->newroot, "overlay", 0, opts);
	if (r < 0)
		return fail(f, -r, remedy, "mounting an overlay (%s) on %s", opts, ctx->newroot);
	return 0;
}

static const struct root_mounter *find_type(enum root_type type)
{
	for (size_t i = 0; i < ARRAY_SIZE(mounters); i++)
		if (mounters[i].type == type)
			return &mounters[i];
	return NULL;
}

const char *root_driver_module(enum root_type type)
{
	const struct root_mounter *t = find_type(type);

	return t ? t->module : NULL;
}

static int mount_root(struct boot_ctx *ctx, struct failure *f)
{
	static const char remedy[] = "set rosetta.root= to one of the forms named";
	const struct config *cfg = &ctx->cfg;
	const struct root_mounter *t;
	struct root_spec spec;

	if (cfg->root_refused[0])
		return fail(f, EINVAL, remedy,
			    "%s is refused (see the warning above): no other "
			    "tree boots in its place",
			    cfg->root_refused);
	if (contract_root_parse(cfg->root, &spec) < 0 || !(t = find_type(spec.type)))
		return fail(f, EINVAL, remedy, "rosetta.root=%s is not %s", cfg->root,
			    contract_root_forms);
	if (t->module)
		load_module(ctx, t->module);
	if (cfg->overlay)
		return mount_overlay(ctx, t, &spec, f);
	return t->mount(ctx, &spec, ctx->newroot, cfg->root_ro ? MS_RDONLY : 0, f);
}

/* What the tree must hold for the entry to start, through one descriptor
 * of it for every check. */
static int check_tree(struct boot_ctx *ctx, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	int tree = open(ctx->newroot, O_PATH | O_DIRECTORY | O_CLOEXEC), r;

	if (tree < 0)
		return fail(f, errno, "report this with the console log", "opening the tree at %s",
			    ctx->newroot);
	/* Before the checks: the image's entry and workdir are what run. */
	r = root_image_config(ctx, tree, f);
	if (r == 0)
		r = root_check_program(tree, cfg->root, "entry", ctx->entry_argv[0], f);
	if (r == 0 && cfg->exec[0])
		r = root_check_program(tree, cfg->root, "rosetta.exec", cfg->exec, f);
	else if (r == 0)
		r = root_check_workdir(ctx, tree, f);
	close(tree);
	return r;
}

int stage_root(struct boot_ctx *ctx, struct failure *f)
{
	const struct config *cfg = &ctx->cfg;
	char ahead[256];
	int r;

	root_preload_end(ctx, ahead, sizeof(ahead));
	r = mount_root(ctx, f);
	if (r == 0)
		r = check_tree(ctx, f);
	if (r < 0)
		return r;
	stage_say(ctx, "%s on %s%s%s, entry %s", cfg->root, ctx->newroot,
		  cfg->overlay ? " under a tmpfs overlay" : "", cfg->root_ro ? ", read-only" : "",
		  ctx->entry_argv[0]);
	if (ahead[0])
		stage_say(ctx, "loaded ahead: %s", ahead);
	return 0;
}
