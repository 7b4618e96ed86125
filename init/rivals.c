/* Naming the rivals stage register disabled, and enabling them again. */
#include "rivals.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "binfmt/binfmtfs.h"

void rivals_add(struct rivals *r, const char *name)
{
	for (unsigned int i = 0; i < r->n; i++)
		if (!strcmp(r->names[i], name))
			return;
	if (r->n < RIVALS_MAX)
		snprintf(r->names[r->n++], sizeof(r->names[0]), "%s", name);
	else
		r->unnamed++;
}

/* One rival: enabled again only when it is still there and still disabled,
 * so that nothing someone changed since is overridden. */
static enum rival_fate enable_one(const char *dir, const char *name, int *err)
{
	struct binfmt_status st;
	int r = binfmt_fs_read(dir, name, &st);

	*err = 0;
	if (r == -ENOENT)
		return RIVAL_GONE;
	/* An entry read in part still says whether it is enabled. */
	if (r < 0 && !(r == -EINVAL && st.bad_lines)) {
		*err = -r;
		return RIVAL_FAILED;
	}
	if (st.enabled)
		return RIVAL_WAS_ENABLED;
	r = binfmt_fs_control(dir, name, "1");
	if (r < 0) {
		*err = -r;
		return RIVAL_FAILED;
	}
	return RIVAL_ENABLED;
}

int rivals_enable(const char *binfmt_dir, const struct rivals *r, rival_fate_fn fn, void *arg)
{
	int first = 0;

	for (unsigned int i = 0; i < r->n; i++) {
		int err;
		enum rival_fate fate = enable_one(binfmt_dir, r->names[i], &err);

		if (fate == RIVAL_FAILED && !first)
			first = -err;
		if (fn)
			fn(arg, r->names[i], fate, err);
	}
	return first;
}
