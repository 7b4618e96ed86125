/* What a vfkit launch checks before it starts; see vfkit_preflight.h. */
#include <errno.h>
#include <string.h>

#include "host.h"
#include "kernel_image.h"
#include "vfkit_argv.h"
#include "vfkit_preflight.h"

#define IMAGE_ONLY "vfkit boots only an uncompressed arm64 Image"

int launch_vfkit_check_host(const struct launch_config *cfg, const char *sysname,
			    struct error_record *err)
{
	if (cfg->dry_run || cfg->vfkit || strcmp(sysname, "Darwin") == 0)
		return 0;
	return error_set(err, -ENOTSUP,
			 "vfkit runs only on macOS hosts; use --dry-run to see the command");
}

static int check_kernel(const struct launch_config *cfg, struct error_record *err)
{
	unsigned char head[LAUNCH_KERNEL_HEAD];
	ssize_t n = launch_read_head(cfg->kernel, head, sizeof(head));
	const char *k = cfg->kernel;

	if (n < 0 && cfg->dry_run)
		return 0;
	if (n < 0)
		return error_set(err, (int)n, "cannot read --kernel %s: %s", k, strerror((int)-n));
	switch (launch_kernel_kind(head, (size_t)n)) {
	case LAUNCH_KERNEL_IMAGE:
		return 0;
	case LAUNCH_KERNEL_GZIP:
		return error_set(err, -EINVAL,
				 "--kernel %s is gzip-compressed: " IMAGE_ONLY
				 "; give the Image beside it (the kernel build leaves build/Image) "
				 "or gunzip it",
				 k);
	case LAUNCH_KERNEL_ZBOOT:
		return error_set(err, -EINVAL,
				 "--kernel %s is an EFI zboot image (CONFIG_EFI_ZBOOT): " IMAGE_ONLY
				 "; give that build's arch/arm64/boot/Image",
				 k);
	case LAUNCH_KERNEL_UNKNOWN:
		break;
	}
	return error_set(err, -EINVAL,
			 "--kernel %s is not an arm64 Linux Image (no \"ARM\\x64\" magic at "
			 "offset 56): " IMAGE_ONLY,
			 k);
}

static int refuse(const char *what, const char *value, const char *why, struct error_record *err)
{
	return error_set(err, -EINVAL, "%s %s holds %s, which vfkit's options cannot carry", what,
			 value, why);
}

static int check_values(const struct launch_config *cfg, const struct launch_plan *plan,
			struct error_record *err)
{
	const char *why;
	size_t i;

	if ((why = launch_vfkit_path_refusal(cfg->kernel)))
		return refuse("--kernel", cfg->kernel, why, err);
	if ((why = launch_vfkit_path_refusal(cfg->initrd)))
		return refuse("--initrd", cfg->initrd, why, err);
	if ((why = launch_vfkit_device_refusal(plan->root_image)))
		return refuse("--root-image", plan->root_image, why, err);
	for (i = 0; i < plan->nshares; i++)
		if ((why = launch_vfkit_device_refusal(plan->share[i].dir)))
			return refuse("the shared directory", plan->share[i].dir, why, err);
	if ((why = launch_vfkit_cmdline_refusal(plan->cmdline)))
		return error_set(err, -EINVAL,
				 "the kernel command line holds %s, which vfkit's --bootloader "
				 "cannot carry (a comma in an entry argument or in quoted "
				 "--cmdline text): %s",
				 why, plan->cmdline);
	return 0;
}

int launch_vfkit_check_plan(const struct launch_config *cfg, const struct launch_plan *plan,
			    struct error_record *err)
{
	int r = check_kernel(cfg, err);

	if (r == 0 && plan->image_format == LAUNCH_IMAGE_QCOW2)
		return error_set(err, -EINVAL,
				 "--root-image %s is a qcow2 image: vfkit takes raw images only "
				 "(qemu-img convert -O raw IMAGE COPY makes one)",
				 plan->root_image);
	if (r == 0)
		r = check_values(cfg, plan, err);
	return r;
}
