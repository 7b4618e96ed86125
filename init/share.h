/* Whether the translator's share is mounted already: stage share keeps a
 * mounted share as it is, and rosettactl activate asks the same before it
 * decides there is a share to mount at all. */
#ifndef INIT_SHARE_H
#define INIT_SHARE_H

#include <stdbool.h>

/* A FUSE filesystem (virtio-fs is one) is mounted on path. */
bool share_is_mounted(const char *path);

#endif
