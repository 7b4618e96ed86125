/*
 * What the first bytes of a --kernel file say it is. vfkit (Virtualization.framework) boots
 * only an uncompressed arm64 Image, and hangs on anything else instead of saying so; qemu
 * unpacks the others itself. Pure.
 */
#ifndef ROSETTA_LAUNCH_KERNEL_IMAGE_H
#define ROSETTA_LAUNCH_KERNEL_IMAGE_H

#include <stddef.h>

/* The bytes the verdict needs: the arm64 header's magic ends at offset 60. */
#define LAUNCH_KERNEL_HEAD 64

enum launch_kernel_kind {
	LAUNCH_KERNEL_IMAGE,   /* "ARM\x64" at offset 56: an arm64 Image */
	LAUNCH_KERNEL_GZIP,    /* gzip's magic: an Image.gz */
	LAUNCH_KERNEL_ZBOOT,   /* "MZ" then "zimg": an EFI zboot image (CONFIG_EFI_ZBOOT) */
	LAUNCH_KERNEL_UNKNOWN, /* none of these, or shorter than a header */
};

enum launch_kernel_kind launch_kernel_kind(const unsigned char *head, size_t n);

#endif
