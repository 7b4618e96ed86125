/* The virtio-fs devices the kernel sees, from sysfs: how many there are and
 * the tags they carry, to tell "no share attached" from "a share under
 * another tag". Every function takes the sysfs directory, so the tools and
 * the tests can point it elsewhere. */
#ifndef INIT_VIRTIOFS_H
#define INIT_VIRTIOFS_H

#include "lib/contract.h"

/* The virtio device id of a file system device (virtio_ids.h). */
#define VIRTIO_ID_FS 0x1a

/* The virtio-fs devices under sys/bus/virtio/devices (their device id is
 * VIRTIO_ID_FS), bound to a driver or not. Returns the count (0 when the
 * directory is missing: no virtio bus). */
int virtiofs_count_devices(const char *sys);

/* Call fn with the tag of each virtio-fs instance the kernel publishes,
 * sys/fs/virtiofs/N/tag (Linux 6.9 and later), in name order; stops when
 * fn returns non-zero and returns that. Returns 0, -ENOENT when the kernel
 * publishes no tags (an older kernel, or no virtiofs driver), or -errno. */
int virtiofs_tags(const char *sys, int (*fn)(void *arg, const char *tag), void *arg);

#endif
