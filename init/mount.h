/* Mounting: through libmount where its parsing counts (the share's options,
 * the roots' sources and types), with plain mount(2) where it adds nothing
 * but system calls (the API filesystems, the moves of the switch). */
#ifndef INIT_MOUNT_H
#define INIT_MOUNT_H

#include <stdint.h>

/* Mount source on target. type may be NULL for MS_BIND and MS_MOVE.
 * Returns 0 or -errno. mkdir's target (mode 0755) when it is missing. */
int mount_at(const char *source, const char *target, const char *type, unsigned long flags,
	     const char *options);

/* The same with mount(2) alone: target made (mode 0755, its parent must
 * exist) when missing, options passed to the kernel as they are. */
int mount_plain(const char *source, const char *target, const char *type, unsigned long flags,
		const char *options);

/* Mount the virtio-fs share tagged tag on target, retrying while no device
 * has that tag (the host may attach it late) until boot_ms() reaches
 * deadline. Returns 0, -ETIMEDOUT when the tag never appeared, or the
 * -errno of a mount that failed for another reason. */
int mount_virtiofs_wait(const char *tag, const char *target, unsigned long flags,
			const char *options, uint64_t deadline);

#endif
