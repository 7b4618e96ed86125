/* The Rosetta entry and the entries that compete with it: rosetta prints or
 * installs the entry; conflicts finds entries matching the same files.
 * binfmt_misc adds each new entry at the head of its list and runs the
 * first that matches, so of two enabled competitors the one registered
 * last wins, which is how qemu-user-static's qemu-x86_64 takes over x86-64
 * programs after a package update. */
#include <errno.h>
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
	return CTL_EXIT_OK;
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
			ctl_fail(ctx->rep, code,
				 "%scannot tell whether %s matches the same files as %s: %s",
				 code == CTL_EXIT_OK ? "warning: " : "", row->e.name, self->name,
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

/* After an install, an enabled competitor is worth a warning, not a
 * failure: the entry asked for is there. */
static void warn_rivals(struct ctl_ctx *ctx, const struct binfmt_entry *e)
{
	struct ctl_rows rows = { 0 };
	struct rivals rs = { 0 };
	int r;

	if (ctl_read_rows(ctx, &rows) != CTL_EXIT_OK)
		return;
	r = find_rivals(ctx, e, &rows, CTL_EXIT_OK, &rs);
	free(rows.v);
	if (r < 0)
		ctl_fail_op(ctx->rep, r, "cannot check the entries competing with %s in %s",
			    e->name, ctx->args->procdir);
	for (size_t i = 0; i < rs.n; i++)
		if (rs.v[i].enabled)
			ctl_fail(ctx->rep, CTL_EXIT_OK,
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
	return CTL_EXIT_OK;
}

int ctl_cmd_rosetta(struct ctl_ctx *ctx)
{
	struct binfmt_entry e;
	int r = build_rosetta(ctx, &e);

	if (r != CTL_EXIT_OK)
		return r;
	if (!ctx->args->install)
		return print_line(ctx, &e);
	r = ctl_mount(ctx);
	if (r == CTL_EXIT_OK)
		r = ctl_install(ctx, &e, NULL);
	if (r == CTL_EXIT_OK)
		warn_rivals(ctx, &e);
	return ctx->rep->code;
}

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

static void print_rivals(struct ctl_ctx *ctx, const struct ctl_row *self, const struct rivals *rs)
{
	struct json j;

	if (!ctx->args->json) {
		for (size_t i = 0; i < rs->n; i++)
			fprintf(ctx->out, "%s overlaps %s: %s\n", rs->v[i].name, self->e.name,
				rs->v[i].disabled_now ? "disabled now"
						      : ctl_state_str(rs->v[i].enabled));
		return;
	}
	json_init(&j, ctx->out);
	json_object_begin(&j);
	json_kv_string(&j, "name", self->e.name);
	json_kv_bool(&j, "enabled", self->enabled);
	json_key(&j, "conflicts");
	json_array_begin(&j);
	for (size_t i = 0; i < rs->n; i++) {
		json_object_begin(&j);
		json_kv_string(&j, "name", rs->v[i].name);
		json_kv_bool(&j, "enabled", rs->v[i].enabled);
		json_kv_bool(&j, "disabled_now", rs->v[i].disabled_now);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
}

/* A conflict is two enabled entries matching the same files. */
static int judge(struct ctl_ctx *ctx, const struct ctl_row *self, const struct rivals *rs)
{
	size_t live = 0;

	for (size_t i = 0; i < rs->n; i++)
		live += self->enabled && rs->v[i].enabled;
	if (live == 0)
		return ctx->rep->code;
	return ctl_fail(ctx->rep, CTL_EXIT_FAILED,
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
		return ctl_fail(ctx->rep, CTL_EXIT_FAILED,
				"cannot check the conflicts of %s in %s: %s", name, dir,
				ctl_unreadable_str(self.unreadable));
	r = ctl_read_rows(ctx, &rows);
	if (r != CTL_EXIT_OK)
		return r;
	r = find_rivals(ctx, &self.e, &rows, CTL_EXIT_FAILED, &rs);
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

static void print_pair(struct ctl_ctx *ctx, struct json *j, const struct ctl_row *a,
		       const struct ctl_row *b)
{
	if (!ctx->args->json) {
		fprintf(ctx->out, "%s overlaps %s: %s, %s\n", a->e.name, b->e.name,
			ctl_state_str(a->enabled), ctl_state_str(b->enabled));
		return;
	}
	json_object_begin(j);
	json_kv_string(j, "first", a->e.name);
	json_kv_bool(j, "first_enabled", a->enabled);
	json_kv_string(j, "second", b->e.name);
	json_kv_bool(j, "second_enabled", b->enabled);
	json_object_end(j);
}

/* Every pair once, in name order; a pair is a conflict when both are on. */
static size_t all_pairs(struct ctl_ctx *ctx, const struct ctl_rows *t)
{
	size_t live = 0;
	struct json j;

	json_init(&j, ctx->out);
	if (ctx->args->json) {
		json_object_begin(&j);
		json_key(&j, "pairs");
		json_array_begin(&j);
	}
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].unreadable)
			ctl_fail(ctx->rep, CTL_EXIT_FAILED,
				 "cannot tell which entries match the same files as %s: %s",
				 t->v[i].e.name, ctl_unreadable_str(t->v[i].unreadable));
		for (size_t k = i + 1; k < t->n; k++) {
			if (t->v[i].unreadable || t->v[k].unreadable ||
			    !binfmt_entries_overlap(&t->v[i].e, &t->v[k].e))
				continue;
			print_pair(ctx, &j, &t->v[i], &t->v[k]);
			live += t->v[i].enabled && t->v[k].enabled;
		}
	}
	if (ctx->args->json) {
		json_array_end(&j);
		json_object_end(&j);
	}
	return live;
}

static int conflicts_all(struct ctl_ctx *ctx)
{
	struct ctl_rows t = { 0 };
	size_t live;
	int r = ctl_read_rows(ctx, &t);

	if (r != CTL_EXIT_OK)
		return r;
	live = all_pairs(ctx, &t);
	free(t.v);
	if (live)
		ctl_fail(ctx->rep, CTL_EXIT_FAILED,
			 "%zu pair%s of enabled entries match%s the same files", live,
			 live == 1 ? "" : "s", live == 1 ? "es" : "");
	return ctx->rep->code;
}

int ctl_cmd_conflicts(struct ctl_ctx *ctx)
{
	const struct ctl_args *a = ctx->args;
	int r = a->disable ? ctl_mount(ctx) : ctl_need_mounted(ctx, "check conflicts");

	if (r != CTL_EXIT_OK)
		return r;
	if (a->all)
		return conflicts_all(ctx);
	return conflicts_of(ctx, a->noperands ? a->operands[0] : CTL_ROSETTA_NAME);
}
