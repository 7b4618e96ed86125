/* Mounting through libmount, as every stage of rosetta-init does it. */
#ifndef INIT_MOUNT_H
#define INIT_MOUNT_H

/* Mount source on target. type may be NULL for MS_BIND and MS_MOVE.
 * Returns 0 or -errno. mkdir's target (mode 0755) when it is missing. */
int mount_at(const char *source, const char *target, const char *type, unsigned long flags,
	     const char *options);

#endif
