/* Mounting through libmount, as every stage of rosetta-init does it. */
#ifndef INIT_MOUNT_H
#define INIT_MOUNT_H

#include <stdint.h>

/* Mount source on target. type may be NULL for MS_BIND and MS_MOVE.
 * Returns 0 or -errno. mkdir's target (mode 0755) when it is missing. */
int mount_at(const char *source, const char *target, const char *type, unsigned long flags,
	     const char *options);

/* Mount the virtio-fs share tagged tag on target, retrying while no device
 * has that tag (the host may attach it late) until boot_ms() reaches
 * deadline. Returns 0, -ETIMEDOUT when the tag never appeared, or the
 * -errno of a mount that failed for another reason. */
int mount_virtiofs_wait(const char *tag, const char *target, unsigned long flags,
			const char *options, uint64_t deadline);

#endif
