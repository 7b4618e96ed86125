/* status: what is there, part by part, as one document (one JSON object
 * with -J): the share, the translator, the entry, the handlers in the
 * order the kernel tries them, the cache, the kernel and its options. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "kernel-config/columns.h"
#include "status.h"

/* The handlers' rows, numbered in the kernel's order. */
static int print_handlers(struct table_document *d, const struct table_format *f,
			  const struct rctl_target *t)
{
	struct rctl_handlers hs;
	struct status_handler *rows;
	int r = rctl_handlers_read(t, &hs);

	if (r < 0) /* no binfmt_misc there: no handlers, which the entry says */
		hs = (struct rctl_handlers){ 0 };
	if (hs.n == 0 && !f->json) /* a table of no rows prints nothing */
		return 0;
	rows = calloc(hs.n ? hs.n : 1, sizeof(*rows));
	if (!rows) {
		rctl_handlers_free(&hs);
		return -ENOMEM;
	}
	for (size_t i = 0; i < hs.n; i++)
		rows[i] = (struct status_handler){ &hs.v[i], i + 1 };
	r = table_document_add_rows(d, &status_handler_columns, f, rows, hs.n, sizeof(*rows));
	free(rows);
	rctl_handlers_free(&hs);
	return r;
}

static int print_kernel(struct table_document *d, const struct table_format *f,
			const struct rctl_target *t)
{
	struct status_kernel k;
	int r;

	status_kernel_read(t, &k);
	r = table_document_add_rows(d, &status_kernel_columns, f, &k, 1, sizeof(k));
	if (r == 0 && k.k.have_config)
		r = table_document_add_rows(d, &kconfig_verdict_columns, f, k.k.report.verdicts,
					    k.k.report.n, sizeof(*k.k.report.verdicts));
	rctl_kernel_free(&k.k);
	return r;
}

static int print_parts(struct table_document *d, const struct table_format *f,
		       const struct rctl_target *t)
{
	struct status_share share;
	struct status_translator tr;
	struct status_entry entry;
	struct status_cache cache;
	int r;

	status_share_read(t, &share);
	r = table_document_add_rows(d, &status_share_columns, f, &share, 1, sizeof(share));
	status_translator_read(t, &tr);
	if (r == 0)
		r = table_document_add_rows(d, &status_translator_columns, f, &tr, 1, sizeof(tr));
	status_entry_read(t, &entry);
	if (r == 0)
		r = table_document_add_rows(d, &status_entry_columns, f, &entry, 1, sizeof(entry));
	if (r == 0)
		r = print_handlers(d, f, t);
	status_cache_read(t, &cache);
	if (r == 0)
		r = table_document_add_rows(d, &status_cache_columns, f, &cache, 1, sizeof(cache));
	return r == 0 ? print_kernel(d, f, t) : r;
}

static int run_status(struct rctl_ctx *ctx)
{
	struct table_document d;
	int r;

	table_document_begin(&d, &ctx->args->format, ctx->out);
	r = print_parts(&d, &ctx->args->format, ctx->target);
	if (r == 0)
		r = table_document_end(&d);
	if (r < 0)
		return report_add(ctx->rep, CLI_EXIT_SYSTEM, "cannot print the status: %s",
				  strerror(-r));
	return CLI_EXIT_OK;
}

const struct rctl_command rctl_cmd_status = {
	.name = "status",
	.operands = "",
	.help = "the share, the translator, the entry and its rivals,\nthe cache and the kernel",
	.run = run_status,
	.table = true,
};
