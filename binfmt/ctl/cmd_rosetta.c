/* The Rosetta entry and the entries that compete with it: rosetta prints or
 * installs the entry; conflicts finds entries matching the same files.
 * binfmt_misc adds each new entry at the head of its list and runs the
 * first that matches, so of two enabled competitors the one registered
 * last wins, which is how qemu-user-static's qemu-x86_64 takes over x86-64
 * programs after a package update. */
#include <errno.h>
#include <libsmartcols.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/binfmtfs.h"
#include "command.h"

/* Large enough for a register string: every magic and mask byte as \xHH. */
#define LINE_MAX_LEN (BINFMT_REGISTER_MAX + 1)

struct rival {
	char name[BINFMT_NAME_MAX + 1];
	bool enabled;
	bool disabled_now; /* by this run's --disable */
};

struct rivals {
	struct rival *v;
	size_t n, cap;
};

static int add_rival(struct rivals *rs, const struct binfmt_entry *other, bool enabled)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 4;
		struct rival *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n] = (struct rival){ .enabled = enabled };
	memcpy(rs->v[rs->n].name, other->name, sizeof(other->name));
	rs->n++;
	return 0;
}

static int build_rosetta(struct ctl_ctx *ctx, struct binfmt_entry *e)
{
	const struct ctl_args *a = ctx->args;
	struct binfmt_rule rule = { BINFMT_OK };
	int r = binfmt_entry_rosetta(e, a->name, a->interpreter, a->flags);

	if (r == 0)
		r = binfmt_entry_validate(e, &rule);
	if (r < 0)
		return ctl_fail_rule(ctx->rep, r, &rule, "cannot make the Rosetta entry %s for %s",
				     a->name, a->interpreter);
	return CLI_EXIT_OK;
}

/* The rows other than self that could match the same files. A row whose
 * match is unknown cannot be judged: it is named, with code (a failure for
 * conflicts, a warning after an install). Returns 0 or -ENOMEM. */
static int find_rivals(struct ctl_ctx *ctx, const struct binfmt_entry *self,
		       const struct ctl_rows *rows, int code, struct rivals *rs)
{
	for (size_t i = 0; i < rows->n; i++) {
		const struct ctl_row *row = &rows->v[i];
		int r;

		if (!strcmp(row->e.name, self->name))
			continue;
		if (row->unreadable) {
			report_add(ctx->rep, code,
				   "%scannot tell whether %s matches the same files as %s: %s",
				   code == CLI_EXIT_OK ? "warning: " : "", row->e.name, self->name,
				   ctl_unreadable_str(row->unreadable));
			continue;
		}
		if (!binfmt_entries_overlap(self, &row->e))
			continue;
		r = add_rival(rs, &row->e, row->enabled);
		if (r < 0)
			return r;
	}
	return 0;
}

static int check_rosetta(const struct ctl_args *a, struct ctl_usage *err)
{
	if ((a->seen & CTL_OPT(OPT_PRINT)) && a->install)
		return ctl_usage_error(err, "--print and --install exclude each other");
	if (strspn(a->flags, "POCF") != strlen(a->flags))
		return ctl_usage_error(err, "bad --flags '%s': use letters of P, O, C and F",
				       a->flags);
	return 0;
}

/* --all looks at every entry: no NAME, nothing to disable. */
static int check_conflicts(const struct ctl_args *a, struct ctl_usage *err)
{
	if (a->all && a->disable)
		return ctl_usage_error(err, "--disable needs one entry's conflicts, not --all");
	if (a->all && a->noperands)
		return ctl_usage_error(err, "unexpected argument '%s' for 'conflicts' with --all",
				       a->operands[0]);
	return 0;
}

/* After an install, an enabled competitor is worth a warning, not a
 * failure: the entry asked for is there. */
static void warn_rivals(struct ctl_ctx *ctx, const struct binfmt_entry *e)
{
	struct ctl_rows rows = { 0 };
	struct rivals rs = { 0 };
	int r;

	if (ctl_read_rows(ctx, &rows) != CLI_EXIT_OK)
		return;
	r = find_rivals(ctx, e, &rows, CLI_EXIT_OK, &rs);
	free(rows.v);
	if (r < 0)
		ctl_fail_op(ctx->rep, r, "cannot check the entries competing with %s in %s",
			    e->name, ctx->args->procdir);
	for (size_t i = 0; i < rs.n; i++)
		if (rs.v[i].enabled)
			report_add(
			    ctx->rep, CLI_EXIT_OK,
			    "warning: %s matches the same files as %s and is enabled; the "
			    "entry registered last runs them ('binfmtctl conflicts --disable "
			    "%s' disables it)",
			    rs.v[i].name, e->name, e->name);
	free(rs.v);
}

static int print_line(struct ctl_ctx *ctx, const struct binfmt_entry *e)
{
	char line[LINE_MAX_LEN];
	int r = binfmt_entry_format(e, line, sizeof(line));

	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot write the register string of %s", e->name);
	fprintf(ctx->out, "%s\n", line);
	return CLI_EXIT_OK;
}

static int run_rosetta(struct ctl_ctx *ctx)
{
	struct binfmt_entry e;
	int r = build_rosetta(ctx, &e);

	if (r != CLI_EXIT_OK)
		return r;
	if (!ctx->args->install)
		return print_line(ctx, &e);
	r = ctl_mount(ctx);
	if (r == CLI_EXIT_OK)
		r = ctl_install(ctx, &e, NULL);
	if (r == CLI_EXIT_OK)
		warn_rivals(ctx, &e);
	return ctx->rep->code;
}

const struct ctl_command ctl_cmd_rosetta = {
	.name = "rosetta",
	.operands = "",
	.help = "print or install the Rosetta entry",
	.run = run_rosetta,
	.opts = CTL_OPT(OPT_PRINT) | CTL_OPT(OPT_INSTALL) | CTL_OPT(OPT_INTERPRETER) |
		CTL_OPT(OPT_FLAGS) | CTL_OPT(OPT_NAME),
	.check = check_rosetta,
};

static void disable_rivals(struct ctl_ctx *ctx, struct rivals *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct rival *rv = &rs->v[i];
		int r;

		if (!rv->enabled)
			continue;
		r = binfmt_fs_control(ctx->args->procdir, rv->name, "0");
		if (r < 0) {
			ctl_fail_op(ctx->rep, r, "cannot disable %s in %s", rv->name,
				    ctx->args->procdir);
			continue;
		}
		rv->enabled = false;
		rv->disabled_now = true;
	}
}

/* One row of conflicts: entry name matches the same files as overlaps. */
struct pair {
	const char *name, *overlaps;
	bool enabled, overlaps_enabled;
	bool disabled_now; /* name, by this run's --disable */
};

enum {
	COL_NAME,
	COL_STATE,
	COL_ENABLED,
	COL_DISABLED_NOW,
	COL_OVERLAPS,
	COL_OVERLAPS_STATE,
	COL_OVERLAPS_ENABLED,
	COL_COUNT,
};

static const struct table_column pair_columns[COL_COUNT] = {
	[COL_NAME] = { "NAME", SCOLS_JSON_STRING, "the competing entry" },
	[COL_STATE] = { "STATE", SCOLS_JSON_STRING, "enabled, disabled or disabled now" },
	[COL_ENABLED] = { "ENABLED", SCOLS_JSON_BOOLEAN, "whether it is enabled" },
	[COL_DISABLED_NOW] = { "DISABLED_NOW", SCOLS_JSON_BOOLEAN, "disabled by this --disable" },
	[COL_OVERLAPS] = { "OVERLAPS", SCOLS_JSON_STRING, "the entry it competes with" },
	[COL_OVERLAPS_STATE] = { "OVERLAPS_STATE", SCOLS_JSON_STRING, "that entry's state" },
	[COL_OVERLAPS_ENABLED] = { "OVERLAPS_ENABLED", SCOLS_JSON_BOOLEAN,
				   "whether that entry is enabled" },
};

static const char *pair_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct pair *p = row;

	(void)human;
	(void)buf;
	(void)size;
	switch (col) {
	case COL_NAME:
		return p->name;
	case COL_STATE:
		return p->disabled_now ? "disabled now" : ctl_state_str(p->enabled);
	case COL_ENABLED:
		return ctl_yes_no(p->enabled);
	case COL_DISABLED_NOW:
		return ctl_yes_no(p->disabled_now);
	case COL_OVERLAPS:
		return p->overlaps;
	case COL_OVERLAPS_STATE:
		return ctl_state_str(p->overlaps_enabled);
	case COL_OVERLAPS_ENABLED:
		return ctl_yes_no(p->overlaps_enabled);
	}
	return NULL;
}

const struct table_column_set ctl_conflict_columns = {
	.v = pair_columns,
	.n = COL_COUNT,
	.cell = pair_cell,
	.defaults = "NAME,STATE,OVERLAPS,OVERLAPS_STATE",
	.json_defaults = "NAME,ENABLED,DISABLED_NOW,OVERLAPS,OVERLAPS_ENABLED",
	.json_name = "conflicts",
};

static void print_rivals(struct ctl_ctx *ctx, const struct ctl_row *self, const struct rivals *rs)
{
	struct pair *v = calloc(rs->n ? rs->n : 1, sizeof(*v));

	if (!v) {
		ctl_fail_op(ctx->rep, -ENOMEM, "cannot print the conflicts of %s", self->e.name);
		return;
	}
	for (size_t i = 0; i < rs->n; i++)
		v[i] = (struct pair){ .name = rs->v[i].name,
				      .overlaps = self->e.name,
				      .enabled = rs->v[i].enabled,
				      .overlaps_enabled = self->enabled,
				      .disabled_now = rs->v[i].disabled_now };
	ctl_print_rows(ctx, &ctl_conflict_columns, v, rs->n, sizeof(*v));
	free(v);
}

/* A conflict is two enabled entries matching the same files. */
static int judge(struct ctl_ctx *ctx, const struct ctl_row *self, const struct rivals *rs)
{
	size_t live = 0;

	for (size_t i = 0; i < rs->n; i++)
		live += self->enabled && rs->v[i].enabled;
	if (live == 0)
		return ctx->rep->code;
	return report_add(ctx->rep, CLI_EXIT_FAILED,
			  "%zu enabled entr%s match%s the same files as %s; the entry registered "
			  "last runs them ('binfmtctl conflicts --disable %s' disables the others)",
			  live, live == 1 ? "y" : "ies", live == 1 ? "es" : "", self->e.name,
			  self->e.name);
}

static int conflicts_of(struct ctl_ctx *ctx, const char *name)
{
	const char *dir = ctx->args->procdir;
	struct ctl_rows rows = { 0 };
	struct rivals rs = { 0 };
	struct binfmt_rule rule;
	struct ctl_row self;
	int r = ctl_read_row(dir, name, &self, &rule);

	if (r < 0)
		return ctl_fail_rule(ctx->rep, r, &rule, "cannot check the conflicts of %s in %s",
				     name, dir);
	if (self.unreadable)
		return report_add(ctx->rep, CLI_EXIT_FAILED,
				  "cannot check the conflicts of %s in %s: %s", name, dir,
				  ctl_unreadable_str(self.unreadable));
	r = ctl_read_rows(ctx, &rows);
	if (r != CLI_EXIT_OK)
		return r;
	r = find_rivals(ctx, &self.e, &rows, CLI_EXIT_FAILED, &rs);
	free(rows.v);
	if (r < 0) {
		free(rs.v);
		return ctl_fail_op(ctx->rep, r, "cannot check the conflicts of %s in %s", name,
				   dir);
	}
	if (ctx->args->disable)
		disable_rivals(ctx, &rs);
	print_rivals(ctx, &self, &rs);
	r = judge(ctx, &self, &rs);
	free(rs.v);
	return r;
}

struct pairs {
	struct pair *v;
	size_t n, cap;
};

static int add_pair(struct pairs *ps, const struct ctl_row *a, const struct ctl_row *b)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? 2 * ps->cap : 8;
		struct pair *v = realloc(ps->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		ps->v = v;
		ps->cap = cap;
	}
	ps->v[ps->n++] = (struct pair){ .name = a->e.name,
					.overlaps = b->e.name,
					.enabled = a->enabled,
					.overlaps_enabled = b->enabled };
	return 0;
}

/* Every pair once, in name order; a pair is a conflict when both are on. */
static int all_pairs(struct ctl_ctx *ctx, const struct ctl_rows *t, struct pairs *ps, size_t *live)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].unreadable)
			report_add(ctx->rep, CLI_EXIT_FAILED,
				   "cannot tell which entries match the same files as %s: %s",
				   t->v[i].e.name, ctl_unreadable_str(t->v[i].unreadable));
		for (size_t k = i + 1; k < t->n; k++) {
			if (t->v[i].unreadable || t->v[k].unreadable ||
			    !binfmt_entries_overlap(&t->v[i].e, &t->v[k].e))
				continue;
			if (add_pair(ps, &t->v[i], &t->v[k]) < 0)
				return -ENOMEM;
			*live += t->v[i].enabled && t->v[k].enabled;
		}
	}
	return 0;
}

static int conflicts_all(struct ctl_ctx *ctx)
{
	struct ctl_rows t = { 0 };
	struct pairs ps = { 0 };
	size_t live = 0;
	int r = ctl_read_rows(ctx, &t);

	if (r != CLI_EXIT_OK)
		return r;
	r = all_pairs(ctx, &t, &ps, &live);
	if (r < 0)
		ctl_fail_op(ctx->rep, r, "cannot check the conflicts in %s", ctx->args->procdir);
	else
		ctl_print_rows(ctx, &ctl_conflict_columns, ps.v, ps.n, sizeof(ps.v[0]));
	free(ps.v);
	free(t.v);
	if (live)
		report_add(ctx->rep, CLI_EXIT_FAILED,
			   "%zu pair%s of enabled entries match%s the same files", live,
			   live == 1 ? "" : "s", live == 1 ? "es" : "");
	return ctx->rep->code;
}

static int run_conflicts(struct ctl_ctx *ctx)
{
	const struct ctl_args *a = ctx->args;
	int r = a->disable ? ctl_mount(ctx) : ctl_need_mounted(ctx, "check conflicts");

	if (r != CLI_EXIT_OK)
		return r;
	if (a->all)
		return conflicts_all(ctx);
	return conflicts_of(ctx, a->noperands ? a->operands[0] : DEFAULT_BINFMT_NAME);
}

const struct ctl_command ctl_cmd_conflicts = {
	.name = "conflicts",
	.operands = "[NAME]",
	.help = "entries matching the same files as NAME (default\n" DEFAULT_BINFMT_NAME ")",
	.run = run_conflicts,
	.max = 1,
	.opts = CTL_OPT(OPT_ALL) | CTL_OPT(OPT_DISABLE),
	.columns = &ctl_conflict_columns,
	.check = check_conflicts,
};
