/* binfmtctl's commands and what they share. Each command is one struct
 * ctl_command, defined beside its code and listed in ctl_commands[]
 * (commands.c); the parser, the usage checks and --help all come from it.
 * A command prints its normal output to ctx->out, records failures in
 * ctx->rep (main.c prints them) and returns its exit status. */
#ifndef BINFMTCTL_COMMAND_H
#define BINFMTCTL_COMMAND_H

#include <stdio.h>

#include "args.h"
#include "binfmt/entry.h"
#include "binfmt/source.h"
#include "fail.h"
#include "format.h"
#include "lib/report.h"
#include "output.h"

#define CTL_MANY ((size_t)-1)

struct ctl_ctx {
	const struct ctl_args *args;
	FILE *out;
	struct report *rep;
	/* load --root: the image whose programs will run through the entries,
	 * where an interpreter without F is looked for; NULL: here. */
	const char *interp_root;
};

struct ctl_command {
	const char *name;
	const char *operands; /* as --help shows them: "NAME..." */
	const char *help;     /* for --help; '\n' continues it on a new line */
	int (*run)(struct ctl_ctx *ctx);
	size_t min, max;     /* operands */
	const char *missing; /* "'show' needs ...": "an entry NAME" */
	unsigned long opts;  /* CTL_OPT() of its own options */
	/* What it prints, for -J, -r, -n and -o; NULL: none of those. */
	const struct table_column_set *columns;
	/* Usage checks past the options and the operand count: values, and
	 * options that change what else is allowed. NULL: none. Returns 0 or
	 * ctl_usage_error(). */
	int (*check)(const struct ctl_args *a, struct ctl_usage *err);
};

extern const struct ctl_command ctl_cmd_list, ctl_cmd_show, ctl_cmd_status, ctl_cmd_register,
    ctl_cmd_remove, ctl_cmd_enable, ctl_cmd_disable, ctl_cmd_load, ctl_cmd_import, ctl_cmd_rosetta,
    ctl_cmd_conflicts, ctl_cmd_verify;

/* Every command, in --help's order. */
extern const struct ctl_command *const ctl_commands[];
extern const size_t ctl_ncommands;

/* The command called word, or NULL. */
const struct ctl_command *ctl_find_command(const char *word);

/* The options cmd takes: its own, the global ones and, when it prints a
 * table, the output ones. */
unsigned long ctl_command_opts(const struct ctl_command *cmd);

/* --help, from ctl_commands[] and ctl_options[]. */
void ctl_usage(FILE *out);

/* Commands that only read need binfmt_misc mounted already; what names the
 * operation for the message ("list entries"). Returns an exit status. */
int ctl_need_mounted(struct ctl_ctx *ctx, const char *what);

/* Commands that write mount binfmt_misc when it is missing. Returns an exit
 * status. */
int ctl_mount(struct ctl_ctx *ctx);

/* Read entry name of dir as the kernel reports it. An entry whose status is
 * not understood whole is still a row, with row->unreadable set (see
 * struct ctl_row). Returns 0, or -errno when there is no row to show (a
 * bad name, named in rule as binfmt_name_validate does; no such entry; a
 * read error). */
int ctl_read_row(const char *dir, const char *name, struct ctl_row *row, struct binfmt_rule *rule);

/* Why a row is incomplete, completing "NAME: ...". */
const char *ctl_unreadable_str(int err);

struct ctl_rows {
	struct ctl_row *v;
	size_t n, cap;
};

/* Read every entry of the directory in name order, those not understood
 * whole included (the caller names them). One that cannot be read at all
 * is named in the report and left out; the others are still worth
 * showing. Returns an exit status; on success the caller frees rows->v. */
int ctl_read_rows(struct ctl_ctx *ctx, struct ctl_rows *rows);

/* Print n rows (each size bytes, from rows) as set and ctx->args say.
 * Returns an exit status; a failure is in the report. */
int ctl_print_rows(struct ctl_ctx *ctx, const struct table_column_set *set, const void *rows,
		   size_t n, size_t size);

/* Name a bad line ("file:line: rule broken") or an unreadable file in the
 * report, as the configuration file parsers describe them. */
void ctl_bad_input(struct report *rep, int err, const struct binfmt_rule *rule,
		   const struct binfmt_origin *at);

/* Make the kernel hold e (identical kept, different replaced), say which on
 * ctx->out, or record why not; origin ("file:line") is named in the
 * message when not NULL. The interpreter is checked first, whatever the
 * flags, where the kernel will open it (binfmt_interp_runnable): with F
 * here, now; without F where the programs run (ctx->interp_root). Returns
 * the exit status of this one entry. */
int ctl_install(struct ctl_ctx *ctx, const struct binfmt_entry *e, const char *origin);

#endif
