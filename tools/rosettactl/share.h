/* The translator's share: its mount (from the mount table) and the
 * virtio-fs devices the kernel sees with their tags (from sysfs), to tell
 * "not attached" from "attached under another tag" from "not mounted". */
#ifndef ROSETTACTL_SHARE_H
#define ROSETTACTL_SHARE_H

#include "lib/contract.h"
#include "mounts.h"
#include "target.h"

#define RCTL_TAGS_MAX 8

struct rctl_share {
	struct rctl_mount mount; /* the mount on rosetta.mount, found false: none */
	int mount_err;		 /* reading the mount table: 0 or -errno */
	int devices;		 /* virtio-fs devices on the virtio bus */
	char tags[RCTL_TAGS_MAX][TAG_MAX + 1];
	size_t ntags;
	int tags_err; /* -ENOENT: the kernel publishes no tags (before 6.9) */
};

/* Fill s for the share t's configuration names. Never fails: what could
 * not be read is in the _err fields. */
void rctl_share_read(const struct rctl_target *t, struct rctl_share *s);

/* Is tag among those the kernel publishes? */
bool rctl_share_has_tag(const struct rctl_share *s, const char *tag);

/* The tags as "a, b, c" into buf ("" for none). Returns buf. */
const char *rctl_share_tag_list(const struct rctl_share *s, char *buf, size_t size);

#endif
