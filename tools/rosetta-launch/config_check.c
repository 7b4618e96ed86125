/* The rules between options; see config_check.h. */
#include <errno.h>
#include <string.h>

#include "config_check.h"

unsigned int launch_default_memory(const struct launch_config *cfg)
{
	if ((cfg->ephemeral && cfg->root_dir) || cfg->image)
		return LAUNCH_MEMORY_OVERLAY;
	return LAUNCH_MEMORY_DEFAULT;
}

static int check_required(const struct launch_config *cfg, struct error_record *err)
{
	if (!cfg->kernel)
		return error_set(err, -EINVAL, "missing required option --kernel");
	if (!cfg->initrd && !cfg->no_initrd)
		return error_set(err, -EINVAL,
				 "missing required option --initrd (or --no-initrd to boot the "
				 "root's own init)");
	if (!cfg->rosetta_dir && cfg->backend == LAUNCH_BACKEND_QEMU)
		return error_set(err, -EINVAL, "missing required option --rosetta-dir");
	return 0;
}

static int check_root(const struct launch_config *cfg, struct error_record *err)
{
	bool root = cfg->root_dir || cfg->root_image || cfg->image;

	if (cfg->root_dir && cfg->root_image)
		return error_set(err, -EINVAL,
				 "--root-dir and --root-image exclude each other: give one root");
	if (cfg->root_ro && !root)
		return error_set(err, -EINVAL, "--root-ro needs --root-dir or --root-image");
	if (cfg->ephemeral && !root)
		return error_set(err, -EINVAL, "--ephemeral needs --root-dir or --root-image");
	if (cfg->root_ro && cfg->ephemeral)
		return error_set(err, -EINVAL,
				 "--root-ro and --ephemeral exclude each other: a read-only root "
				 "has no writes to throw away");
	return 0;
}

/* An image is unpacked into a root directory that rosetta-init boots under a throwaway
 * overlay, reading the image's configuration from it. */
static int check_image(const struct launch_config *cfg, struct error_record *err)
{
	if (cfg->platform && !cfg->image)
		return error_set(err, -EINVAL, "--platform needs --image");
	if (!cfg->image)
		return 0;
	if (cfg->root_dir || cfg->root_image)
		return error_set(err, -EINVAL,
				 "--image and --%s exclude each other: the image is "
				 "the root",
				 cfg->root_dir ? "root-dir" : "root-image");
	if (cfg->root_ro)
		return error_set(err, -EINVAL,
				 "--image and --root-ro exclude each other: an image's root is "
				 "booted under a throwaway overlay");
	if (cfg->no_initrd)
		return error_set(err, -EINVAL,
				 "--image needs rosetta-init, which reads the image's "
				 "configuration: drop --no-initrd");
	return 0;
}

/* Every share of the launch needs a tag of its own. */
static int check_tags(const struct launch_config *cfg, struct error_record *err)
{
	size_t i, j;

	if ((cfg->root_dir || cfg->image) && strcmp(cfg->tag, ROOT_SHARE_TAG) == 0)
		return error_set(err, -EINVAL, "--tag %s is taken by the --root-dir share",
				 ROOT_SHARE_TAG);
	for (i = 0; i < cfg->nshares; i++) {
		const char *tag = cfg->share[i].tag;

		if (strcmp(tag, cfg->tag) == 0)
			return error_set(err, -EINVAL,
					 "--share tag '%s' is taken by the translator share "
					 "(--tag)",
					 tag);
		if ((cfg->root_dir || cfg->image) && strcmp(tag, ROOT_SHARE_TAG) == 0)
			return error_set(err, -EINVAL,
					 "--share tag '%s' is taken by the --root-dir share", tag);
		for (j = 0; j < i; j++)
			if (strcmp(tag, cfg->share[j].tag) == 0)
				return error_set(err, -EINVAL, "--share tag '%s' is given twice",
						 tag);
	}
	return 0;
}

/* Without an initramfs there is no rosetta-init to read rosetta.entry. */
static int check_no_initrd(const struct launch_config *cfg, struct error_record *err)
{
	if (!cfg->no_initrd)
		return 0;
	if (cfg->initrd)
		return error_set(err, -EINVAL,
				 "--initrd and --no-initrd exclude each other: give one");
	if (cfg->entry_count)
		return error_set(err, -EINVAL,
				 "an entry program needs rosetta-init: with --no-initrd the root's "
				 "own init runs (choose it with --cmdline init=PATH)");
	return 0;
}

/* An option of the other backend's, or NULL. */
static const char *foreign_option(const struct launch_config *cfg, const struct launch_given *given)
{
	if (cfg->backend == LAUNCH_BACKEND_QEMU)
		return cfg->vfkit ? "--vfkit" : NULL;
	if (cfg->qemu)
		return "--qemu";
	if (cfg->virtiofsd)
		return "--virtiofsd";
	if (given->accel)
		return "--accel";
	return NULL;
}

/* What vfkit cannot do: serve a host directory as the translator, share a directory
 * read-only, boot without an initrd, throw a disk's writes away. */
static int check_backend(const struct launch_config *cfg, const struct launch_given *given,
			 struct error_record *err)
{
	const char *opt = foreign_option(cfg, given);
	size_t i;

	if (opt && cfg->backend == LAUNCH_BACKEND_QEMU)
		return error_set(err, -EINVAL, "%s needs --backend vfkit", opt);
	if (opt)
		return error_set(err, -EINVAL,
				 "%s is for --backend qemu: vfkit runs the guest itself, with "
				 "Virtualization.framework serving its shares",
				 opt);
	if (cfg->backend == LAUNCH_BACKEND_QEMU)
		return 0;
	if (cfg->rosetta_dir)
		return error_set(
		    err, -EINVAL,
		    "--rosetta-dir is for --backend qemu: with vfkit the translator is "
		    "the one Virtualization.framework provides (vfkit --device rosetta)");
	if (cfg->no_initrd)
		return error_set(err, -EINVAL,
				 "--no-initrd is for --backend qemu: vfkit's Linux boot loader "
				 "takes an initrd");
	if (cfg->root_image && cfg->ephemeral)
		return error_set(err, -EINVAL,
				 "--root-image with --ephemeral needs --backend qemu (vfkit cannot "
				 "throw a disk's writes away): give vfkit a copy-on-write clone of "
				 "the image (cp -c IMAGE COPY) instead");
	for (i = 0; i < cfg->nshares; i++)
		if (cfg->share[i].ro)
			return error_set(err, -EINVAL,
					 "--share %s:%s:ro: vfkit cannot share a directory "
					 "read-only; drop :ro or use --backend qemu",
					 cfg->share[i].dir, cfg->share[i].tag);
	return 0;
}

int launch_check_config(struct launch_config *cfg, const struct launch_given *given,
			struct error_record *err)
{
	int r = check_backend(cfg, given, err);

	if (r == 0)
		r = check_required(cfg, err);

	if (r == 0)
		r = check_no_initrd(cfg, err);
	if (r == 0)
		r = check_image(cfg, err);
	if (r == 0)
		r = check_root(cfg, err);
	if (r == 0)
		r = check_tags(cfg, err);
	if (r == 0 && !given->memory)
		cfg->memory_mib = launch_default_memory(cfg);
	return r;
}
