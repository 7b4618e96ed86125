/* The commands that only read: list, show and status. */
#include <stdlib.h>

#include "binfmt/binfmtfs.h"
#include "command.h"

static void print_rows_json(struct ctl_ctx *ctx, const struct ctl_rows *rs)
{
	struct json j;

	json_init(&j, ctx->out);
	json_object_begin(&j);
	json_kv_string(&j, "directory", ctx->args->procdir);
	json_key(&j, "entries");
	json_array_begin(&j);
	for (size_t i = 0; i < rs->n; i++)
		ctl_json_entry(&j, &rs->v[i]);
	json_array_end(&j);
	json_object_end(&j);
}

/* A row listed with what could be read is still named as a failure. */
static void name_unreadable(struct ctl_ctx *ctx, const struct ctl_row *row)
{
	if (row->unreadable)
		ctl_fail(ctx->rep, CTL_EXIT_FAILED,
			 "entry %s in %s is shown as far as it could be read: %s", row->e.name,
			 ctx->args->procdir, ctl_unreadable_str(row->unreadable));
}

int ctl_cmd_list(struct ctl_ctx *ctx)
{
	struct ctl_rows rs = { 0 };
	int r = ctl_need_mounted(ctx, "list entries");

	if (r != CTL_EXIT_OK)
		return r;
	r = ctl_read_rows(ctx, &rs);
	if (r != CTL_EXIT_OK)
		return r;
	for (size_t i = 0; i < rs.n; i++)
		name_unreadable(ctx, &rs.v[i]);
	if (ctx->args->json)
		print_rows_json(ctx, &rs);
	else
		ctl_print_table(ctx->out, rs.v, rs.n);
	free(rs.v);
	return ctx->rep->code;
}

int ctl_cmd_show(struct ctl_ctx *ctx)
{
	const char *name = ctx->args->operands[0];
	struct binfmt_rule rule;
	struct ctl_row row;
	struct json j;
	int r = ctl_need_mounted(ctx, "show entries");

	if (r != CTL_EXIT_OK)
		return r;
	r = ctl_read_row(ctx->args->procdir, name, &row, &rule);
	if (r < 0)
		return ctl_fail_rule(ctx->rep, r, &rule, "cannot show %s in %s", name,
				     ctx->args->procdir);
	if (ctx->args->json) {
		json_init(&j, ctx->out);
		ctl_json_entry(&j, &row);
	} else {
		ctl_print_entry(ctx->out, &row);
	}
	name_unreadable(ctx, &row);
	return ctx->rep->code;
}

static int count_entry(void *arg, const char *name)
{
	(void)name;
	++*(size_t *)arg;
	return 0;
}

int ctl_cmd_status(struct ctl_ctx *ctx)
{
	const char *dir = ctx->args->procdir;
	size_t count = 0;
	struct json j;
	int enabled, r = ctl_need_mounted(ctx, "read the status");

	if (r != CTL_EXIT_OK)
		return r;
	enabled = binfmt_fs_global_status(dir);
	if (enabled < 0)
		return ctl_fail_op(ctx->rep, enabled, "cannot read %s/status", dir);
	r = binfmt_fs_list(dir, count_entry, &count);
	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot list entries in %s", dir);
	if (!ctx->args->json) {
		fprintf(ctx->out, "%-12s %s\n%-12s %s\n%-12s %zu\n", "directory:", dir,
			"state:", ctl_state_str(enabled), "entries:", count);
		return CTL_EXIT_OK;
	}
	json_init(&j, ctx->out);
	json_object_begin(&j);
	json_kv_string(&j, "directory", dir);
	json_kv_bool(&j, "enabled", enabled);
	json_kv_uint(&j, "entries", count);
	json_object_end(&j);
	return CTL_EXIT_OK;
}
