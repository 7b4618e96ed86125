/* doctor: every check (or those named), a row each: the verdict, the
 * evidence, the remedy. Fails (1) when a check failed, 3 when one could
 * not be made; warnings do not fail. */
#include <errno.h>
#include <libsmartcols.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "command.h"

struct doctor_row {
	const struct rctl_check *check;
	struct rctl_finding f;
};

enum { D_CHECK, D_VERDICT, D_EVIDENCE, D_REMEDY, D_COUNT };

static const struct table_column doctor_columns[D_COUNT] = {
	[D_CHECK] = { "CHECK", SCOLS_JSON_STRING, "the check" },
	[D_VERDICT] = { "VERDICT", SCOLS_JSON_STRING, "ok, skipped, warning, error or failed" },
	[D_EVIDENCE] = { "EVIDENCE", SCOLS_JSON_STRING, "what was seen" },
	[D_REMEDY] = { "REMEDY", SCOLS_JSON_STRING, "what to do about it" },
};

static const char *doctor_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct doctor_row *r = row;

	(void)human, (void)buf, (void)size;
	switch (col) {
	case D_CHECK:
		return r->check->name;
	case D_VERDICT:
		return rctl_verdict_name(r->f.verdict);
	case D_EVIDENCE:
		return r->f.evidence;
	case D_REMEDY:
		return r->f.remedy;
	}
	return NULL;
}

/* A table of long sentences reads badly: the remedies follow the checks,
 * in a table of their own; in JSON each is a field of its check, and -r
 * and -o print the one table, for scripts. */
static const struct table_column_set doctor_set = {
	.v = doctor_columns,
	.n = D_COUNT,
	.cell = doctor_cell,
	.defaults = "CHECK,VERDICT,EVIDENCE",
	.json_defaults = "CHECK,VERDICT,EVIDENCE,REMEDY",
	.json_name = "checks",
};

static const struct table_column_set remedy_set = {
	.v = doctor_columns,
	.n = D_COUNT,
	.cell = doctor_cell,
	.defaults = "CHECK,REMEDY",
	.json_defaults = "CHECK,REMEDY",
	.json_name = "remedies",
};

static const struct rctl_check *find_check(const char *name)
{
	for (size_t i = 0; i < rctl_nchecks; i++)
		if (!strcmp(rctl_checks[i]->name, name))
			return rctl_checks[i];
	return NULL;
}

static int check_usage(const struct rctl_args *a, struct rctl_usage *err)
{
	struct error_record e;

	for (size_t i = 0; i < a->noperands; i++)
		if (!find_check(a->operands[i]))
			return rctl_usage_error(err, "no check called '%s'", a->operands[i]);
	error_init(&e);
	if (a->format.columns && table_columns_check(&doctor_set, a->format.columns, &e) < 0)
		return rctl_usage_error(err, "%s", e.msg[0].text);
	return 0;
}

/* The checks asked for, run, into rows; returns how many. */
static size_t run_checks(const struct rctl_ctx *ctx, struct doctor_row *rows)
{
	const struct rctl_args *a = ctx->args;
	size_t n = a->noperands ? a->noperands : rctl_nchecks;

	for (size_t i = 0; i < n; i++) {
		rows[i].check = a->noperands ? find_check(a->operands[i]) : rctl_checks[i];
		memset(&rows[i].f, 0, sizeof(rows[i].f));
		rows[i].check->run(ctx->target, &rows[i].f);
	}
	return n;
}

/* The exit status, and the count of failures on stderr. */
static int conclude(struct rctl_ctx *ctx, const struct doctor_row *rows, size_t n)
{
	size_t count[RCTL_FAILED + 1] = { 0 };

	for (size_t i = 0; i < n; i++)
		count[rows[i].f.verdict]++;
	if (count[RCTL_FAILED])
		report_add(ctx->rep, CLI_EXIT_FAILED, "%zu of %zu checks failed",
			   count[RCTL_FAILED], n);
	if (count[RCTL_ERROR])
		report_add(ctx->rep, CLI_EXIT_SYSTEM, "%zu of %zu checks could not be made",
			   count[RCTL_ERROR], n);
	return ctx->rep->code;
}

/* The rows with a remedy, as a table of their own (not in JSON). */
static int print_remedies(struct table_document *d, const struct table_format *f,
			  const struct doctor_row *rows, size_t n)
{
	struct doctor_row *with = calloc(n, sizeof(*with));
	size_t k = 0;
	int r;

	if (!with)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (rows[i].f.remedy)
			with[k++] = rows[i];
	r = k ? table_document_add_rows(d, &remedy_set, f, with, k, sizeof(*with)) : 0;
	free(with);
	return r;
}

static int print_checks(const struct rctl_ctx *ctx, const struct doctor_row *rows, size_t n)
{
	const struct table_format *f = &ctx->args->format;
	struct table_document d;
	int r;

	table_document_begin(&d, f, ctx->out);
	r = table_document_add_rows(&d, &doctor_set, f, rows, n, sizeof(*rows));
	if (r == 0 && !f->json && !f->raw && !f->columns)
		r = print_remedies(&d, f, rows, n);
	return r == 0 ? table_document_end(&d) : r;
}

static int run_doctor(struct rctl_ctx *ctx)
{
	size_t n = ctx->args->noperands ? ctx->args->noperands : rctl_nchecks;
	struct doctor_row *rows = calloc(n, sizeof(*rows));
	int r;

	if (!rows)
		return report_add(ctx->rep, CLI_EXIT_SYSTEM, "%s", strerror(ENOMEM));
	n = run_checks(ctx, rows);
	r = print_checks(ctx, rows, n);
	if (r < 0)
		report_add(ctx->rep, CLI_EXIT_SYSTEM, "cannot print the checks: %s", strerror(-r));
	r = conclude(ctx, rows, n);
	free(rows);
	return r;
}

const struct rctl_command rctl_cmd_doctor = {
	.name = "doctor",
	.operands = "[CHECK...]",
	.help = "check for every known reason x86-64 programs fail\n(or the checks named)",
	.run = run_doctor,
	.max = RCTL_MANY,
	.opts = RCTL_OPT(RCTL_OPT_OUTPUT),
	.table = true,
	.columns = &doctor_set,
	.check = check_usage,
};
