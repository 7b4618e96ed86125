/* status: what is there, section by section, as one document. */
#include <libsmartcols.h>
#include <string.h>

#include "command.h"
#include "lib/array_size.h"

enum { SHARE_TAG, SHARE_MOUNT, SHARE_TRANSLATOR, SHARE_COLUMNS };

static const struct table_column share_columns[SHARE_COLUMNS] = {
	[SHARE_TAG] = { "TAG", SCOLS_JSON_STRING, "the virtio-fs tag of the translator's share" },
	[SHARE_MOUNT] = { "MOUNT", SCOLS_JSON_STRING, "where the share is mounted" },
	[SHARE_TRANSLATOR] = { "TRANSLATOR", SCOLS_JSON_STRING, "the translator's path" },
};

static const char *share_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct rctl_target *t = row;

	(void)human, (void)buf, (void)size;
	switch (col) {
	case SHARE_TAG:
		return t->cfg.tag;
	case SHARE_MOUNT:
		return t->cfg.mount;
	case SHARE_TRANSLATOR:
		return t->translator;
	}
	return NULL;
}

static const struct table_column_set share_set = {
	.v = share_columns,
	.n = SHARE_COLUMNS,
	.cell = share_cell,
	.defaults = "TAG,MOUNT,TRANSLATOR",
	.json_defaults = "TAG,MOUNT,TRANSLATOR",
	.json_name = "share",
	.fields = true,
};

static int print_status(struct rctl_ctx *ctx)
{
	struct table_document d;
	struct table_output o;
	int r;

	table_document_begin(&d, &ctx->args->format, ctx->out);
	r = table_output_open(&o, &share_set, &ctx->args->format, ctx->out);
	if (r == 0)
		r = table_output_add(&o, ctx->target);
	if (r == 0)
		r = table_document_add(&d, &o);
	else if (o.tb)
		table_output_close(&o);
	return r == 0 ? table_document_end(&d) : r;
}

static int run_status(struct rctl_ctx *ctx)
{
	int r = print_status(ctx);

	if (r < 0)
		return report_add(ctx->rep, CLI_EXIT_SYSTEM, "cannot print the status: %s",
				  strerror(-r));
	return CLI_EXIT_OK;
}

const struct rctl_command rctl_cmd_status = {
	.name = "status",
	.operands = "",
	.help = "the share, the translator, the entry, its rivals, the cache, the kernel",
	.run = run_status,
	.table = true,
};
