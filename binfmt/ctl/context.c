/* What the commands share: mount checks, reading one entry, installing one
 * entry with the messages every installing command gives. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/binfmtfs.h"
#include "lib/in_root.h"
#include "binfmt/runnable.h"
#include "command.h"

int ctl_need_mounted(struct ctl_ctx *ctx, const char *what)
{
	const char *dir = ctx->args->procdir;
	int r = binfmt_fs_is_mounted(dir);

	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot %s in %s", what, dir);
	if (r == 0)
		return report_add(ctx->rep, CLI_EXIT_FAILED,
				  "cannot %s in %s: binfmt_misc is not mounted there", what, dir);
	return CLI_EXIT_OK;
}

int ctl_mount(struct ctl_ctx *ctx)
{
	int r = binfmt_fs_ensure_mounted(ctx->args->procdir);

	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot mount binfmt_misc on %s",
				   ctx->args->procdir);
	return CLI_EXIT_OK;
}

/* What can be shown of an entry whose status was not understood whole: its
 * name, state, interpreter and flags as far as they were read. */
static void partial_row(const struct binfmt_status *st, const char *name, int why,
			struct ctl_row *row)
{
	memset(row, 0, sizeof(*row));
	snprintf(row->e.name, sizeof(row->e.name), "%s", name);
	snprintf(row->e.interpreter, sizeof(row->e.interpreter), "%s", st->interpreter);
	if (binfmt_flags_normalize(st->flags, row->e.flags) < 0)
		row->e.flags[0] = '\0';
	row->enabled = st->enabled;
	row->unreadable = why;
}

int ctl_read_row(const char *dir, const char *name, struct ctl_row *row, struct binfmt_rule *rule)
{
	struct binfmt_status st;
	int r = binfmt_name_validate(name, rule);

	memset(row, 0, sizeof(*row));
	if (r < 0)
		return r;
	r = binfmt_fs_read(dir, name, &st);
	if (r < 0 && !(r == -EINVAL && st.bad_lines))
		return r;
	if (r == 0)
		r = binfmt_status_to_entry(&st, name, &row->e);
	if (r == 0)
		row->enabled = st.enabled;
	else
		partial_row(&st, name, r, row);
	return 0;
}

const char *ctl_unreadable_str(int err)
{
	return err == -EINVAL ? "its status file is not fully understood" : strerror(-err);
}

struct row_walk {
	struct ctl_ctx *ctx;
	struct ctl_rows *rows;
};

static int add_row(void *arg, const char *name)
{
	struct row_walk *w = arg;
	struct ctl_rows *rs = w->rows;
	struct binfmt_rule rule;
	int r;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 8;
		struct ctl_row *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	r = ctl_read_row(w->ctx->args->procdir, name, &rs->v[rs->n], &rule);
	if (r == 0)
		rs->n++;
	else if (r != -ENOENT) /* -ENOENT: removed since the directory was read */
		ctl_fail_rule(w->ctx->rep, r, &rule, "cannot read entry %s in %s", name,
			      w->ctx->args->procdir);
	return 0;
}

int ctl_read_rows(struct ctl_ctx *ctx, struct ctl_rows *rows)
{
	struct row_walk w = { .ctx = ctx, .rows = rows };
	int r = binfmt_fs_list(ctx->args->procdir, add_row, &w);

	if (r == 0)
		return CLI_EXIT_OK;
	free(rows->v);
	*rows = (struct ctl_rows){ 0 };
	return ctl_fail_op(ctx->rep, r, "cannot list entries in %s", ctx->args->procdir);
}

void ctl_bad_input(struct report *rep, int err, const struct binfmt_rule *rule,
		   const struct binfmt_origin *at)
{
	if (at->line == 0)
		ctl_fail_rule(rep, err, rule, "cannot read %s", at->file);
	else
		report_add(rep, CLI_EXIT_FAILED, "%s:%u: %s", at->file, at->line,
			   binfmt_error_text(err, rule));
}

static const char *const action_words[] = {
	[BINFMT_ADDED] = "added",
	[BINFMT_KEPT] = "kept, an identical entry was registered",
	[BINFMT_REPLACED] = "replaced the different entry of that name",
};

/* With F the kernel opens the interpreter when the entry is registered, in
 * this mount namespace; without F it opens it for each program, in that
 * program's root: under load --root, the image's. */
static int check_interpreter(const struct ctl_ctx *ctx, const struct binfmt_entry *e,
			     struct binfmt_rule *rule)
{
	const char *root = strchr(e->flags, 'F') ? NULL : ctx->interp_root;
	int root_fd, r = in_root_dir_open(root, &root_fd);

	binfmt_rule_clear(rule);
	if (r < 0)
		return r;
	r = binfmt_interp_runnable(root_fd, e->interpreter, rule);
	if (root_fd >= 0)
		close(root_fd);
	return r;
}

/* The kernel's errno alone would mislead in these cases. EACCES with F is
 * the kernel's open_exec() refusing what check_interpreter() passed a
 * moment before: it changed in between, or a check of the kernel's (such
 * as permission for a user other than root) was not made here. */
static const char *install_cause(int err, const struct binfmt_entry *e)
{
	if (err == -EPROTO)
		return "the kernel reports a different entry than was written (see dmesg)";
	if (err == -ENOENT && strchr(e->flags, 'F'))
		return "the interpreter does not exist (flag F opens it when registering)";
	if (err == -EACCES && strchr(e->flags, 'F'))
		return "the kernel cannot open the interpreter (flag F opens it when "
		       "registering): it must be an executable regular file on a mount that "
		       "allows exec";
	return strerror(-err);
}

/* checked: err (and rule) are check_interpreter()'s, else err is the
 * kernel's. */
static int install_failed(struct ctl_ctx *ctx, const struct binfmt_entry *e, const char *origin,
			  int err, struct binfmt_rule *rule, bool checked)
{
	bool refused = !checked && err == -EACCES && strchr(e->flags, 'F');
	char *why = NULL;
	int code;

	if (refused) {
		int now = check_interpreter(ctx, e, rule);

		checked = rule->broken != BINFMT_OK; /* name what changed, if it shows */
		err = checked ? now : err;
	}
	if (checked && asprintf(&why, "%s: %s", e->interpreter, binfmt_error_text(err, rule)) < 0)
		why = NULL;
	code = refused ? CLI_EXIT_FAILED : ctl_exit_code(err, checked ? rule : NULL);
	code = report_add(ctx->rep, code, "cannot register %s%s%s%s in %s: %s", e->name,
			  origin ? " (" : "", origin ? origin : "", origin ? ")" : "",
			  ctx->args->procdir, why ? why : install_cause(err, e));
	free(why);
	return code;
}

int ctl_install(struct ctl_ctx *ctx, const struct binfmt_entry *e, const char *origin)
{
	enum binfmt_install_action action;
	struct binfmt_rule rule;
	int r = check_interpreter(ctx, e, &rule);

	if (r < 0)
		return install_failed(ctx, e, origin, r, &rule, true);
	r = binfmt_fs_install(ctx->args->procdir, e, &action);
	if (r < 0)
		return install_failed(ctx, e, origin, r, &rule, false);
	fprintf(ctx->out, "%s: %s\n", e->name, action_words[action]);
	return CLI_EXIT_OK;
}

int ctl_print_rows(struct ctl_ctx *ctx, const struct table_column_set *set, const void *rows,
		   size_t n, size_t size)
{
	struct table_output o;
	int r = table_output_open(&o, set, &ctx->args->format, ctx->out);

	for (size_t i = 0; r == 0 && i < n; i++)
		r = table_output_add(&o, (const char *)rows + i * size);
	if (o.tb) {
		int c = table_output_close(&o);

		r = r ? r : c;
	}
	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot print the %s", set->json_name);
	return CLI_EXIT_OK;
}
