/* What the commands share: mount checks, reading one entry, installing one
 * entry with the messages every installing command gives. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/binfmtfs.h"
#include "command.h"

int ctl_need_mounted(struct ctl_ctx *ctx, const char *what)
{
	const char *dir = ctx->args->procdir;
	int r = binfmt_fs_is_mounted(dir);

	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot %s in %s", what, dir);
	if (r == 0)
		return ctl_fail(ctx->rep, CTL_EXIT_FAILED,
				"cannot %s in %s: binfmt_misc is not mounted there", what, dir);
	return CTL_EXIT_OK;
}

int ctl_mount(struct ctl_ctx *ctx)
{
	int r = binfmt_fs_ensure_mounted(ctx->args->procdir);

	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot mount binfmt_misc on %s",
				   ctx->args->procdir);
	return CTL_EXIT_OK;
}

int ctl_check_name(const char *name)
{
	if (!*name || !strcmp(name, ".") || !strcmp(name, "..") || strchr(name, '/') ||
	    !strcmp(name, "register") || !strcmp(name, "status"))
		return BINFMT_E_NAME;
	return 0;
}

int ctl_read_row(const char *dir, const char *name, struct ctl_row *row)
{
	struct binfmt_status st;
	int r = ctl_check_name(name);

	if (r == 0)
		r = binfmt_fs_read(dir, name, &st);
	if (r == 0)
		r = binfmt_status_to_entry(&st, name, &row->e);
	if (r == 0)
		row->enabled = st.enabled;
	return r;
}

struct row_walk {
	struct ctl_ctx *ctx;
	struct ctl_rows *rows;
};

static int add_row(void *arg, const char *name)
{
	struct row_walk *w = arg;
	struct ctl_rows *rs = w->rows;
	int r;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 8;
		struct ctl_row *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	r = ctl_read_row(w->ctx->args->procdir, name, &rs->v[rs->n]);
	if (r == 0)
		rs->n++;
	else if (r != -ENOENT) /* -ENOENT: removed since the directory was read */
		ctl_fail_op(w->ctx->rep, r, "cannot read entry %s in %s", name,
			    w->ctx->args->procdir);
	return 0;
}

int ctl_read_rows(struct ctl_ctx *ctx, struct ctl_rows *rows)
{
	struct row_walk w = { .ctx = ctx, .rows = rows };
	int r = binfmt_fs_list(ctx->args->procdir, add_row, &w);

	if (r == 0)
		return CTL_EXIT_OK;
	free(rows->v);
	*rows = (struct ctl_rows){ 0 };
	return ctl_fail_op(ctx->rep, r, "cannot list entries in %s", ctx->args->procdir);
}

void ctl_bad_input(struct ctl_report *rep, int err, const struct binfmt_origin *at)
{
	if (at->line == 0)
		ctl_fail_op(rep, err, "cannot read %s", at->file);
	else
		ctl_fail(rep, CTL_EXIT_FAILED, "%s:%u: %s", at->file, at->line,
			 binfmt_strerror(err));
}

static const char *const action_words[] = {
	[BINFMT_ADDED] = "added",
	[BINFMT_KEPT] = "kept, an identical entry was registered",
	[BINFMT_REPLACED] = "replaced the different entry of that name",
};

/* The kernel's errno alone would mislead in two cases worth explaining. */
static const char *install_cause(int err, const struct binfmt_entry *e)
{
	if (err == -EPROTO)
		return "the kernel reports a different entry than was written (see dmesg)";
	if (err == -ENOENT && strchr(e->flags, 'F'))
		return "the interpreter does not exist (flag F opens it when registering)";
	return binfmt_strerror(err);
}

int ctl_install(struct ctl_ctx *ctx, const struct binfmt_entry *e, const char *origin)
{
	enum binfmt_install_action action;
	int r = binfmt_fs_install(ctx->args->procdir, e, &action);

	if (r < 0)
		return ctl_fail(ctx->rep, ctl_exit_code(r), "cannot register %s%s%s%s in %s: %s",
				e->name, origin ? " (" : "", origin ? origin : "",
				origin ? ")" : "", ctx->args->procdir, install_cause(r, e));
	fprintf(ctx->out, "%s: %s\n", e->name, action_words[action]);
	return CTL_EXIT_OK;
}
