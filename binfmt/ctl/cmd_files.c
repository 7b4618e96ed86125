/* The commands that register entries from configuration files: load
 * (binfmt.d) and import (update-binfmts formats). Each good entry is
 * installed as `register` does it, identical entries kept and different
 * ones replaced; every bad line and every refused entry is named, and the
 * good ones are registered all the same. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "binfmt/binfmtd.h"
#include "binfmt/update_binfmts.h"
#include "command.h"

static int install_entry(void *arg, const struct binfmt_entry *e, const char *line,
			 const struct binfmt_origin *at)
{
	struct ctl_ctx *ctx = arg;
	char origin[PATH_MAX + 16];

	(void)line; /* the entry is what is installed; the line says the same */
	if (at->line)
		snprintf(origin, sizeof(origin), "%s:%u", at->file, at->line);
	else
		snprintf(origin, sizeof(origin), "%s", at->file);
	ctl_install(ctx, e, origin);
	return 0;
}

static void report_bad(void *arg, int err, const struct binfmt_rule *rule,
		       const struct binfmt_origin *at)
{
	struct ctl_ctx *ctx = arg;

	ctl_bad_input(ctx->rep, err, rule, at);
}

/* Under a root, the files are read inside it, and the entries' programs
 * will run there: an interpreter without F is looked for there too. */
static int load_files(struct ctl_ctx *ctx, const char *root, const char *const *dirs)
{
	struct binfmt_sink sink = { .entry = install_entry, .error = report_bad, .arg = ctx };
	struct binfmtd_files files;
	int r = binfmtd_collect(root, dirs, &files);

	if (r < 0)
		return ctl_fail_op(ctx->rep, r, "cannot read the binfmt.d directories%s%s",
				   root ? " under " : "", root ? root : "");
	ctx->interp_root = root;
	for (size_t i = 0; i < files.count; i++)
		binfmtd_parse_collected(&files, i, &sink);
	ctx->interp_root = NULL;
	binfmtd_files_free(&files);
	return ctx->rep->code;
}

/* A directory given on the command line contributes its *.conf files, as
 * one of binfmt.d's directories would. */
static int load_dir(struct ctl_ctx *ctx, const char *dir)
{
	char *abs = realpath(dir, NULL);
	const char *dirs[] = { abs, NULL };

	if (!abs)
		return ctl_fail_op(ctx->rep, -errno, "cannot read %s", dir);
	load_files(ctx, NULL, dirs);
	free(abs);
	return ctx->rep->code;
}

static int run_load(struct ctl_ctx *ctx)
{
	const struct ctl_args *a = ctx->args;
	struct binfmt_sink sink = { .entry = install_entry, .error = report_bad, .arg = ctx };
	struct stat st;
	int r = ctl_mount(ctx);

	if (r != CLI_EXIT_OK)
		return r;
	if (a->noperands == 0)
		return load_files(ctx, a->root, binfmtd_dirs);
	for (size_t i = 0; i < a->noperands; i++) {
		const char *path = a->operands[i];

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			load_dir(ctx, path);
		else
			binfmtd_parse_file(path, &sink); /* reports a file it cannot read */
	}
	return ctx->rep->code;
}

static int run_import(struct ctl_ctx *ctx)
{
	struct binfmt_sink sink = { .entry = install_entry, .error = report_bad, .arg = ctx };
	int r = ctl_mount(ctx);

	if (r != CLI_EXIT_OK)
		return r;
	for (size_t i = 0; i < ctx->args->noperands; i++)
		update_binfmts_parse_file(ctx->args->operands[i], &sink);
	return ctx->rep->code;
}

const struct ctl_command ctl_cmd_load = {
	.name = "load",
	.operands = "[FILE|DIR...]",
	.help = "register binfmt.d entries (default: every binfmt.d\n"
		"directory under --root)",
	.run = run_load,
	.max = CTL_MANY,
};

const struct ctl_command ctl_cmd_import = {
	.name = "import",
	.operands = "FILE...",
	.help = "register update-binfmts format files",
	.run = run_import,
	.min = 1,
	.max = CTL_MANY,
	.missing = "at least one FILE",
};
