/* What stage share looks at before it mounts: whether the share is mounted
 * already, and which virtio-fs devices the kernel has. rosettactl activate
 * asks the same questions to tell a system with no Rosetta share (nothing
 * to do) from one whose share fails to mount. sys_dir is where sysfs is
 * mounted (/sys). */
#ifndef INIT_SHARE_H
#define INIT_SHARE_H

#include <stdbool.h>

/* A FUSE filesystem (virtio-fs is one) is mounted on path. */
bool share_is_mounted(const char *path);

/* The number of virtio-fs devices on the virtio bus (0 with no bus), or
 * -errno. */
int share_virtiofs_count(const char *sys_dir);

/* 1 when a virtio-fs device has tag, 0 when none has; -ENOENT when the
 * kernel lists no tags (sys_dir/fs/virtiofs came with Linux 6.9), or
 * another -errno. */
int share_tag_listed(const char *sys_dir, const char *tag);

#endif
