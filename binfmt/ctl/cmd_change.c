/* The commands that change single entries: register, remove, enable and
 * disable. */
#include <string.h>

#include "binfmt/binfmtd.h"
#include "binfmt/binfmtfs.h"
#include "command.h"

/* register --file: the file is read with binfmt.d's rules (comments and
 * blank lines skipped), so that a string full of backslashes need not pass
 * through a shell's quoting; it must hold exactly one register string. */
struct one_entry {
	struct ctl_ctx *ctx;
	struct binfmt_entry e;
	unsigned int found;
};

static int take_entry(void *arg, const struct binfmt_entry *e, const char *line,
		      const struct binfmt_origin *at)
{
	struct one_entry *one = arg;

	(void)line;
	(void)at;
	if (one->found++ == 0)
		one->e = *e;
	return 0;
}

static void bad_line(void *arg, int err, const struct binfmt_rule *rule,
		     const struct binfmt_origin *at)
{
	struct one_entry *one = arg;

	ctl_bad_input(one->ctx->rep, err, rule, at);
}

static int entry_from_file(struct ctl_ctx *ctx, const char *path, struct binfmt_entry *e)
{
	struct one_entry one = { .ctx = ctx };
	struct binfmt_sink sink = { .entry = take_entry, .error = bad_line, .arg = &one };

	binfmtd_parse_file(path, &sink);
	if (ctx->rep->code != CLI_EXIT_OK)
		return ctx->rep->code;
	if (one.found != 1)
		return report_add(ctx->rep, CLI_EXIT_FAILED,
				  "%s holds %u register strings, 'register --file' takes one "
				  "(use 'load' for more)",
				  path, one.found);
	*e = one.e;
	return CLI_EXIT_OK;
}

static int run_register(struct ctl_ctx *ctx)
{
	const struct ctl_args *a = ctx->args;
	struct binfmt_rule rule;
	struct binfmt_entry e;
	int r;

	if (a->file) {
		r = entry_from_file(ctx, a->file, &e);
	} else {
		const char *line = a->operands[0];

		r = binfmt_entry_parse(line, strlen(line), &e, &rule);
		if (r < 0)
			r = ctl_fail_rule(ctx->rep, r, &rule, "bad register string '%s'", line);
	}
	if (r == CLI_EXIT_OK)
		r = ctl_mount(ctx);
	return r == CLI_EXIT_OK ? ctl_install(ctx, &e, a->file) : r;
}

/* A register string or --file, not both. */
static int check_register(const struct ctl_args *a, struct ctl_usage *err)
{
	if (a->file && a->noperands)
		return ctl_usage_error(err, "unexpected argument '%s' for 'register' with --file",
				       a->operands[0]);
	if (!a->file && !a->noperands)
		return ctl_usage_error(err, "'register' needs a register string or --file");
	return 0;
}

const struct ctl_command ctl_cmd_register = {
	.name = "register",
	.operands = "LINE|--file FILE",
	.help = "register a register string; an identical entry is\n"
		"kept, a different one of that name replaced",
	.run = run_register,
	.max = 1,
	.opts = CTL_OPT(OPT_FILE),
	.check = check_register,
};

/* Writes word to each named entry; every name is tried, each failure named. */
static int control_each(struct ctl_ctx *ctx, const char *word, const char *verb)
{
	const struct ctl_args *a = ctx->args;
	int r = ctl_mount(ctx);

	if (r != CLI_EXIT_OK)
		return r;
	for (size_t i = 0; i < a->noperands; i++) {
		const char *name = a->operands[i];
		struct binfmt_rule rule;

		r = binfmt_name_validate(name, &rule);
		if (r == 0)
			r = binfmt_fs_control(a->procdir, name, word);
		if (r < 0)
			ctl_fail_rule(ctx->rep, r, &rule, "cannot %s %s in %s", verb, name,
				      a->procdir);
	}
	return ctx->rep->code;
}

static int run_remove(struct ctl_ctx *ctx)
{
	return control_each(ctx, "-1", "remove");
}

static int run_enable(struct ctl_ctx *ctx)
{
	return control_each(ctx, "1", "enable");
}

static int run_disable(struct ctl_ctx *ctx)
{
	return control_each(ctx, "0", "disable");
}

const struct ctl_command ctl_cmd_remove = {
	.name = "remove",
	.operands = "NAME...",
	.help = "remove entries",
	.run = run_remove,
	.min = 1,
	.max = CTL_MANY,
	.missing = "an entry NAME",
};

const struct ctl_command ctl_cmd_enable = {
	.name = "enable",
	.operands = "NAME...",
	.help = "enable entries",
	.run = run_enable,
	.min = 1,
	.max = CTL_MANY,
	.missing = "an entry NAME",
};

const struct ctl_command ctl_cmd_disable = {
	.name = "disable",
	.operands = "NAME...",
	.help = "disable entries",
	.run = run_disable,
	.min = 1,
	.max = CTL_MANY,
	.missing = "an entry NAME",
};
