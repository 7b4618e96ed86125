/* bench: what a program start costs through Rosetta: the x86-64 self-test
 * program started through binfmt_misc, then with the translator named
 * explicitly, against a native start (rosettactl itself, --version), N runs
 * of each in turns, medians in microseconds: make bench's exec loop
 * (lib/execloop.h), on a running system. */
#include <errno.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/binfmtfs.h"
#include "binfmt/selftest.h"
#include "command.h"
#include "here.h"
#include "lib/array_size.h"
#include "lib/cli.h"
#include "lib/execloop.h"
#include "lib/number.h"

#define RUNS_DEFAULT 20
#define RUNS_MAX     1000

enum { B_KIND, B_MEDIAN_US, B_VS_NATIVE, B_RUNS, B_COMMAND, B_COLUMNS };

static const struct table_column bench_columns[B_COLUMNS] = {
	[B_KIND] = { "KIND", SCOLS_JSON_STRING,
		     "binfmt (through the kernel's handler), translator (named), native" },
	[B_MEDIAN_US] = { "MEDIAN_US", SCOLS_JSON_NUMBER,
			  "the median start, spawn to reaped, in microseconds" },
	[B_VS_NATIVE] = { "VS_NATIVE", SCOLS_JSON_NUMBER, "that median over the native one" },
	[B_RUNS] = { "RUNS", SCOLS_JSON_NUMBER, "the starts measured" },
	[B_COMMAND] = { "COMMAND", SCOLS_JSON_STRING, "what was started" },
};

enum { KIND_BINFMT, KIND_TRANSLATOR, KIND_NATIVE, KINDS };

static const char *const kind_names[KINDS] = { "binfmt", "translator", "native" };

struct bench_row {
	const char *kind;
	uint64_t median_us, native_us;
	unsigned int runs;
	char command[2 * PATH_MAX + 16];
};

static const char *bench_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct bench_row *b = row;

	(void)human;
	switch (col) {
	case B_KIND:
		return b->kind;
	case B_MEDIAN_US:
		snprintf(buf, size, "%llu", (unsigned long long)b->median_us);
		return buf;
	case B_VS_NATIVE:
		if (!b->native_us)
			return NULL;
		snprintf(buf, size, "%.2f", (double)b->median_us / (double)b->native_us);
		return buf;
	case B_RUNS:
		snprintf(buf, size, "%u", b->runs);
		return buf;
	case B_COMMAND:
		return b->command;
	}
	return NULL;
}

static const struct table_column_set bench_set = {
	.v = bench_columns,
	.n = B_COLUMNS,
	.cell = bench_cell,
	.defaults = "KIND,MEDIAN_US,VS_NATIVE,RUNS,COMMAND",
	.json_defaults = "KIND,MEDIAN_US,VS_NATIVE,RUNS,COMMAND",
	.json_name = "bench",
};

static int check_bench(const struct rctl_args *a, struct rctl_usage *err)
{
	const char *runs = a->value[RCTL_OPT_RUNS];
	unsigned long long n;

	if (runs && parse_unsigned(runs, 10, 1, RUNS_MAX, &n) < 0)
		return rctl_usage_error(err, "--runs takes 1 to %d, not '%s'", RUNS_MAX, runs);
	return rctl_check_here(a, err);
}

/* What the three kinds start, and the samples they fill. */
struct bench {
	char translator[BINFMT_PATH_MAX], self[PATH_MAX];
	char *argv[KINDS][3];
	struct exec_case cases[KINDS];
	unsigned int runs;
};

/* The translator named explicitly: --translator, else the interpreter of
 * the entry the configuration names. */
static int find_translator(struct rctl_ctx *c, struct bench *b)
{
	const char *given = c->args->value[RCTL_OPT_TRANSLATOR];
	const struct rctl_target *t = c->target;
	struct binfmt_status st;
	int r;

	if (given) {
		snprintf(b->translator, sizeof(b->translator), "%s", given);
		return CLI_EXIT_OK;
	}
	r = binfmt_fs_read(t->binfmt_dir, t->cfg.binfmt_name, &st);
	if (r < 0)
		return report_add(c->rep, CLI_EXIT_FAILED,
				  "no entry %s/%s to take the translator from (give --translator): "
				  "%s",
				  t->binfmt_dir, t->cfg.binfmt_name, strerror(-r));
	snprintf(b->translator, sizeof(b->translator), "%s", st.interpreter);
	return CLI_EXIT_OK;
}

static int prepare(struct rctl_ctx *c, struct bench *b, char *program)
{
	static char version[] = "--version";
	const char *runs = c->args->value[RCTL_OPT_RUNS];
	unsigned long long n = RUNS_DEFAULT;
	ssize_t len = readlink("/proc/self/exe", b->self, sizeof(b->self) - 1);
	int code = find_translator(c, b);

	if (code != CLI_EXIT_OK)
		return code;
	if (len < 0)
		return report_add(c->rep, CLI_EXIT_SYSTEM, "cannot find this program: %s",
				  strerror(errno));
	b->self[len] = '\0';
	if (runs)
		parse_unsigned(runs, 10, 1, RUNS_MAX, &n);
	b->runs = (unsigned int)n;
	b->argv[KIND_BINFMT][0] = program;
	b->argv[KIND_TRANSLATOR][0] = b->translator;
	b->argv[KIND_TRANSLATOR][1] = program;
	b->argv[KIND_NATIVE][0] = b->self;
	b->argv[KIND_NATIVE][1] = version;
	for (int k = 0; k < KINDS; k++) {
		b->cases[k].argv = b->argv[k];
		b->cases[k].want_status = k == KIND_NATIVE ? 0 : SELFTEST_CODE;
		b->cases[k].samples = calloc(b->runs, sizeof(uint64_t));
		if (!b->cases[k].samples)
			return report_add(c->rep, CLI_EXIT_SYSTEM, "out of memory");
	}
	return CLI_EXIT_OK;
}

static int measure(struct rctl_ctx *c, struct bench *b)
{
	struct exec_stop stop;
	int r = exec_cases_time(b->cases, KINDS, b->runs, &stop);
	const struct exec_case *e = &b->cases[stop.index];

	if (r == 0)
		return CLI_EXIT_OK;
	if (r == -EPROTO)
		return report_add(c->rep, CLI_EXIT_FAILED, "%s: %s did not exit %d",
				  kind_names[stop.index], e->argv[0], e->want_status);
	return report_add(c->rep, CLI_EXIT_FAILED, "%s: cannot run %s: %s", kind_names[stop.index],
			  e->argv[0], strerror(-r));
}

static void describe(const struct bench *b, int k, struct bench_row *row)
{
	char *const *argv = b->argv[k];

	row->kind = kind_names[k];
	row->runs = b->runs;
	snprintf(row->command, sizeof(row->command), "%s%s%s", argv[0], argv[1] ? " " : "",
		 argv[1] ? argv[1] : "");
}

static int print_medians(struct rctl_ctx *c, struct bench *b)
{
	struct bench_row rows[KINDS];
	struct table_output o;
	int r = table_output_open(&o, &bench_set, &c->args->format, c->out);

	for (int k = 0; k < KINDS; k++) {
		describe(b, k, &rows[k]);
		rows[k].median_us = median_us(b->cases[k].samples, b->runs);
	}
	for (int k = 0; k < KINDS; k++)
		rows[k].native_us = rows[KIND_NATIVE].median_us;
	for (int k = 0; r == 0 && k < KINDS; k++)
		r = table_output_add(&o, &rows[k]);
	if (o.tb) {
		int closed = table_output_close(&o);

		r = r < 0 ? r : closed;
	}
	if (r < 0)
		return report_add(c->rep, CLI_EXIT_SYSTEM, "cannot print the medians: %s",
				  strerror(-r));
	return CLI_EXIT_OK;
}

static int run_bench(struct rctl_ctx *c)
{
	const char *given = c->args->value[RCTL_OPT_PROGRAM];
	char program[PATH_MAX];
	struct bench b = { .runs = 0 };
	int code;

	snprintf(program, sizeof(program), "%s", given ? given : SELFTEST_PROGRAM);
	code = prepare(c, &b, program);
	if (code == CLI_EXIT_OK)
		code = measure(c, &b);
	if (code == CLI_EXIT_OK)
		code = print_medians(c, &b);
	for (size_t k = 0; k < ARRAY_SIZE(b.cases); k++)
		free(b.cases[k].samples);
	return code;
}

const struct rctl_command rctl_cmd_bench = {
	.name = "bench",
	.operands = "",
	.help = "time x86-64 program starts: through binfmt_misc,\n"
		"the translator named, and native; medians",
	.run = run_bench,
	.opts =
	    RCTL_OPT(RCTL_OPT_PROGRAM) | RCTL_OPT(RCTL_OPT_RUNS) | RCTL_OPT(RCTL_OPT_TRANSLATOR),
	.table = true,
	.check = check_bench,
};
