/* test: the init's self-test on demand: the same program, sandbox, time
 * bound and verdict (init/selftest.c's halves), run through whichever
 * handler the kernel picks for it, and the entry left alone whatever the
 * verdict. Prints what ran, through what, in how long. */
#include <fcntl.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/pick.h"
#include "command.h"
#include "here.h"
#include "initctx.h"
#include "lib/cli.h"
#include "lib/io.h"

enum { T_PROGRAM, T_HANDLER, T_TRANSLATOR, T_EXIT_CODE, T_OUTPUT, T_MS, T_COLUMNS };

static const struct table_column test_columns[T_COLUMNS] = {
	[T_PROGRAM] = { "PROGRAM", SCOLS_JSON_STRING, "the x86-64 self-test program" },
	[T_HANDLER] = { "HANDLER", SCOLS_JSON_STRING,
			"the binfmt_misc entry the kernel ran it through, or none" },
	[T_TRANSLATOR] = { "TRANSLATOR", SCOLS_JSON_STRING, "that entry's interpreter" },
	[T_EXIT_CODE] = { "EXIT_CODE", SCOLS_JSON_NUMBER, "its exit code" },
	[T_OUTPUT] = { "OUTPUT", SCOLS_JSON_STRING, "the line it printed" },
	[T_MS] = { "MS", SCOLS_JSON_NUMBER, "milliseconds from the exec to its end" },
};

struct test_row {
	const char *program;
	char handler[BINFMT_NAME_MAX + 1];
	const char *translator; /* NULL: no handler */
	int code;
	char output[sizeof(((struct sandbox_result *)NULL)->out)];
	unsigned int ms;
};

static const char *test_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct test_row *t = row;

	(void)human;
	switch (col) {
	case T_PROGRAM:
		return t->program;
	case T_HANDLER:
		return t->handler;
	case T_TRANSLATOR:
		return t->translator;
	case T_EXIT_CODE:
		snprintf(buf, size, "%d", t->code);
		return buf;
	case T_OUTPUT:
		return t->output;
	case T_MS:
		snprintf(buf, size, "%u", t->ms);
		return buf;
	}
	return NULL;
}

static const struct table_column_set test_set = {
	.v = test_columns,
	.n = T_COLUMNS,
	.cell = test_cell,
	.defaults = "PROGRAM,HANDLER,TRANSLATOR,EXIT_CODE,OUTPUT,MS",
	.json_defaults = "PROGRAM,HANDLER,TRANSLATOR,EXIT_CODE,OUTPUT,MS",
	.json_name = "selftest",
	.fields = true,
};

/* The entry the kernel will run the program through: its interpreter
 * names the translator in the messages, as the init names its own. */
static void find_handler(struct boot_ctx *ctx, struct test_row *row, struct binfmt_entry *e)
{
	unsigned char header[BINFMT_ELF64_HEADER];
	int fd = open(ctx->selftest_prog, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ssize_t n = fd < 0 ? -1 : read_full(fd, header, sizeof(header));
	int r;

	memset(e, 0, sizeof(*e));
	r = n < 0 ? -1 : binfmt_fs_pick(ctx->binfmt_dir, header, (size_t)n, ctx->selftest_prog, e);

	if (fd >= 0)
		close(fd);
	snprintf(row->handler, sizeof(row->handler), "%s",
		 r > 0	  ? e->name
		 : r == 0 ? "none"
			  : "unknown");
	row->translator = r > 0 ? e->interpreter : NULL;
	/* One too long for the context keeps the configuration's in messages. */
	if (r > 0 && strlen(e->interpreter) < sizeof(ctx->translator))
		memcpy(ctx->translator, e->interpreter, strlen(e->interpreter) + 1);
}

static int print_row(struct rctl_ctx *c, const struct test_row *row)
{
	struct table_output o;
	int r = table_output_open(&o, &test_set, &c->args->format, c->out);

	if (r == 0) {
		int closed;

		r = table_output_add(&o, row);
		closed = table_output_close(&o);
		r = r < 0 ? r : closed;
	}
	if (r < 0)
		return report_add(c->rep, CLI_EXIT_SYSTEM, "cannot print the result: %s",
				  strerror(-r));
	return CLI_EXIT_OK;
}

static int run_test(struct rctl_ctx *c)
{
	struct test_row row = { 0 };
	struct sandbox_result res;
	enum selftest_rule rule = SELFTEST_OK;
	struct binfmt_entry e;
	struct rctl_init in;
	struct failure f = { .stage = contract_stage_names[STAGE_SELFTEST] };
	int r = rctl_init_ctx(&in, c->target, c->args->value[RCTL_OPT_PROGRAM]);

	if (r < 0)
		return report_add(c->rep, CLI_EXIT_FAILED, "path too long: %s", c->target->proc);
	row.program = in.ctx.selftest_prog;
	find_handler(&in.ctx, &row, &e);
	rctl_init_log_to(c->rep);
	if (selftest_sandboxed(&in.ctx, &f, &res, &rule) < 0) {
		failure_log(&f);
		return CLI_EXIT_SYSTEM;
	}
	if (rule != SELFTEST_OK) {
		selftest_refuse(&in.ctx, &f, rule, &res);
		failure_log(&f);
		return CLI_EXIT_FAILED;
	}
	row.code = res.code;
	snprintf(row.output, sizeof(row.output), "%.*s", (int)strcspn(res.out, "\n"), res.out);
	row.ms = res.elapsed_ms;
	return print_row(c, &row);
}

const struct rctl_command rctl_cmd_test = {
	.name = "test",
	.operands = "",
	.help = "run the init's x86-64 self-test now, in its\n"
		"sandbox, timed",
	.run = run_test,
	.opts = RCTL_OPT(RCTL_OPT_PROGRAM),
	.table = true,
	.check = rctl_check_here,
};
