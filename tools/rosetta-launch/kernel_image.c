/* Telling an arm64 Image from a compressed kernel; see kernel_image.h. */
#include <string.h>

#include "kernel_image.h"

/* Documentation/arch/arm64/booting.rst: the 64-byte header's magic at offset 56; an EFI
 * zboot image has its own header with "zimg" after the PE "MZ". */
#define IMAGE_MAGIC_OFF 56
#define ZBOOT_MAGIC_OFF 4

enum launch_kernel_kind launch_kernel_kind(const unsigned char *head, size_t n)
{
	if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
		return LAUNCH_KERNEL_GZIP;
	if (n >= ZBOOT_MAGIC_OFF + 4 && !memcmp(head, "MZ", 2) &&
	    !memcmp(head + ZBOOT_MAGIC_OFF, "zimg", 4))
		return LAUNCH_KERNEL_ZBOOT;
	if (n >= IMAGE_MAGIC_OFF + 4 && !memcmp(head + IMAGE_MAGIC_OFF, "ARM\x64", 4))
		return LAUNCH_KERNEL_IMAGE;
	return LAUNCH_KERNEL_UNKNOWN;
}
