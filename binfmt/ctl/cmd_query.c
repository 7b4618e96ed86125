/* The commands that only read: list, show and status. */
#include <libsmartcols.h>
#include <stdlib.h>

#include "binfmt/binfmtfs.h"
#include "command.h"

/* A row listed with what could be read is still named as a failure. */
static void name_unreadable(struct ctl_ctx *ctx, const struct ctl_row *row)
{
	if (row->unreadable)
		report_add(ctx->rep, CLI_EXIT_FAILED,
			   "entry %s in %s is shown as far as it could be read: %s", row->e.name,
			   ctx->args->procdir, ctl_unreadable_str(row->unreadable));
}

static int run_list(struct ctl_ctx *ctx)
{
	struct ctl_rows rs = { 0 };
	int r = ctl_need_mounted(ctx, "list entries");

	if (r != CLI_EXIT_OK)
		return r;
	r = ctl_read_rows(ctx, &rs);
	if (r != CLI_EXIT_OK)
		return r;
	for (size_t i = 0; i < rs.n; i++)
		name_unreadable(ctx, &rs.v[i]);
	ctl_print_rows(ctx, &ctl_entry_columns, rs.v, rs.n, sizeof(rs.v[0]));
	free(rs.v);
	return ctx->rep->code;
}

const struct ctl_command ctl_cmd_list = {
	.name = "list",
	.operands = "",
	.help = "list the registered entries",
	.run = run_list,
	.columns = &ctl_entry_columns,
};

static int run_show(struct ctl_ctx *ctx)
{
	const char *name = ctx->args->operands[0];
	struct binfmt_rule rule;
	struct ctl_row row;
	int r = ctl_need_mounted(ctx, "show entries");

	if (r != CLI_EXIT_OK)
		return r;
	r = ctl_read_row(ctx->args->procdir, name, &row, &rule);
	if (r < 0)
		return ctl_fail_rule(ctx->rep, r, &rule, "cannot show %s in %s", name,
				     ctx->args->procdir);
	ctl_print_rows(ctx, &ctl_show_columns, &row, 1, sizeof(row));
	name_unreadable(ctx, &row);
	return ctx->rep->code;
}

const struct ctl_command ctl_cmd_show = {
	.name = "show",
	.operands = "NAME",
	.help = "show every field of an entry",
	.run = run_show,
	.min = 1,
	.max = 1,
	.missing = "an entry NAME",
	.columns = &ctl_show_columns,
};

struct status_row {
	const char *dir;
	bool enabled;
	size_t entries;
};

enum { COL_DIRECTORY, COL_STATE, COL_ENABLED, COL_ENTRIES, COL_COUNT };

static const struct table_column status_columns[COL_COUNT] = {
	[COL_DIRECTORY] = { "DIRECTORY", SCOLS_JSON_STRING, "the binfmt_misc directory" },
	[COL_STATE] = { "STATE", SCOLS_JSON_STRING, "enabled or disabled, as a whole" },
	[COL_ENABLED] = { "ENABLED", SCOLS_JSON_BOOLEAN, "whether binfmt_misc is enabled" },
	[COL_ENTRIES] = { "ENTRIES", SCOLS_JSON_NUMBER, "how many entries it holds" },
};

static const char *status_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_row *st = row;

	(void)human;
	switch (col) {
	case COL_DIRECTORY:
		return st->dir;
	case COL_STATE:
		return ctl_state_str(st->enabled);
	case COL_ENABLED:
		return ctl_yes_no(st->enabled);
	case COL_ENTRIES:
		snprintf(buf, size, "%zu", st->entries);
		return buf;
	}
	return NULL;
}

const struct table_column_set ctl_status_columns = {
	.v = status_columns,
	.n = COL_COUNT,
	.cell = status_cell,
	.defaults = "DIRECTORY,STATE,ENTRIES",
	.json_defaults = "DIRECTORY,ENABLED,ENTRIES",
	.json_name = "status",
	.fields = true,
};

static int count_entry(void *arg, const char *name)
{
	(void)name;
	++*(size_t *)arg;
	return 0;
}

static int run_status(struct ctl_ctx *ctx)
{
	struct status_row st = { .dir = ctx->args->procdir };
	int enabled, r = ctl_need_mounted(ctx, "read the status");

	if (r != CLI_EXIT_OK)
		return r;
	enabled = binfmt_fs_global_status(st.dir);
	if (enabled < 0)
		return ctl_fail_op(ctx->rep, enabled, "cannot read %s/status", st.dir);
	r = binfmt_fs_list(st.dir, count_entry, &st.entries);
	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot list entries in %s", st.dir);
	st.enabled = enabled;
	return ctl_print_rows(ctx, &ctl_status_columns, &st, 1, sizeof(st));
}

const struct ctl_command ctl_cmd_status = {
	.name = "status",
	.operands = "",
	.help = "whether binfmt_misc is enabled, and its entry count",
	.run = run_status,
	.columns = &ctl_status_columns,
};
