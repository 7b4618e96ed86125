/* The binfmt.d file that registers an entry; see owner.h. */
#include "owner.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/binfmtd.h"
#include "lib/array_size.h"

static const char *const systemd_binfmt[] = {
	"/usr/lib/systemd/systemd-binfmt",
	"/lib/systemd/systemd-binfmt",
};

struct search {
	const char *name;
	bool found;
};

static int note_entry(void *arg, const struct binfmt_entry *e, const char *line,
		      const struct binfmt_origin *at)
{
	struct search *s = arg;

	(void)line, (void)at;
	s->found |= !strcmp(e->name, s->name);
	return 0;
}

int rctl_binfmtd_owner(const struct rctl_target *t, const char *name, char *path, size_t size)
{
	struct search s = { .name = name };
	const struct binfmt_sink sink = { .entry = note_entry, .arg = &s };
	struct binfmtd_files files;
	int r = binfmtd_collect(t->root, binfmtd_dirs, &files);

	if (r < 0)
		return r;
	for (size_t i = 0; i < files.count && !s.found; i++) {
		binfmtd_parse_collected(&files, i, &sink); /* bad lines: not ours */
		if (s.found)
			snprintf(path, size, "%s", files.paths[i] + files.prefix_len);
	}
	binfmtd_files_free(&files);
	return s.found;
}

bool rctl_has_systemd_binfmt(const struct rctl_target *t)
{
	char path[PATH_MAX];

	for (size_t i = 0; i < ARRAY_SIZE(systemd_binfmt); i++)
		if (rctl_target_path(t, systemd_binfmt[i], path, sizeof(path)) &&
		    access(path, F_OK) == 0)
			return true;
	return false;
}

int rctl_activate_unit_enabled(const struct rctl_target *t, char *path, size_t size)
{
	static const char link[] = "/etc/systemd/system/sysinit.target.wants/" RCTL_ACTIVATE_UNIT;
	char full[PATH_MAX];
	struct stat st;

	/* The link itself: under --root its absolute target points outside. */
	if (!rctl_target_path(t, link, full, sizeof(full)) || lstat(full, &st) != 0)
		return 0;
	snprintf(path, size, "%s", link);
	return 1;
}
