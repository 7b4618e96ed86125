/* The share's mount and the virtio-fs devices; see share.h. */
#include "share.h"

#include <stdio.h>
#include <string.h>

#include "init/virtiofs.h"

static int add_tag(void *arg, const char *tag)
{
	struct rctl_share *s = arg;

	if (s->ntags < RCTL_TAGS_MAX)
		snprintf(s->tags[s->ntags++], sizeof(s->tags[0]), "%s", tag);
	return 0;
}

void rctl_share_read(const struct rctl_target *t, struct rctl_share *s)
{
	memset(s, 0, sizeof(*s));
	s->mount_err = rctl_mount_find(t, t->cfg.mount, true, &s->mount);
	s->devices = virtiofs_count_devices(t->sys);
	s->tags_err = virtiofs_tags(t->sys, add_tag, s);
}

bool rctl_share_has_tag(const struct rctl_share *s, const char *tag)
{
	for (size_t i = 0; i < s->ntags; i++)
		if (!strcmp(s->tags[i], tag))
			return true;
	return false;
}

const char *rctl_share_tag_list(const struct rctl_share *s, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < s->ntags && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", s->tags[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}
