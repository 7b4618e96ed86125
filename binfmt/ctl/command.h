/* binfmtctl's commands and what they share. A command prints its normal
 * output to ctx->out, records failures in ctx->rep (main.c prints them) and
 * returns its exit status. */
#ifndef BINFMTCTL_COMMAND_H
#define BINFMTCTL_COMMAND_H

#include <stdio.h>

#include "args.h"
#include "binfmt/entry.h"
#include "binfmt/source.h"
#include "format.h"
#include "report.h"

struct ctl_ctx {
	const struct ctl_args *args;
	FILE *out;
	struct ctl_report *rep;
	/* load --root: the image whose programs will run through the entries,
	 * where an interpreter without F is looked for; NULL: here. */
	const char *interp_root;
};

int ctl_cmd_list(struct ctl_ctx *ctx);
int ctl_cmd_show(struct ctl_ctx *ctx);
int ctl_cmd_status(struct ctl_ctx *ctx);
int ctl_cmd_register(struct ctl_ctx *ctx);
int ctl_cmd_remove(struct ctl_ctx *ctx);
int ctl_cmd_enable(struct ctl_ctx *ctx);
int ctl_cmd_disable(struct ctl_ctx *ctx);
int ctl_cmd_load(struct ctl_ctx *ctx);
int ctl_cmd_import(struct ctl_ctx *ctx);
int ctl_cmd_rosetta(struct ctl_ctx *ctx);
int ctl_cmd_conflicts(struct ctl_ctx *ctx);
int ctl_cmd_verify(struct ctl_ctx *ctx);

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

/* Name a bad line ("file:line: rule broken") or an unreadable file in the
 * report, as the configuration file parsers describe them. */
void ctl_bad_input(struct ctl_report *rep, int err, const struct binfmt_rule *rule,
		   const struct binfmt_origin *at);

/* Make the kernel hold e (identical kept, different replaced), say which on
 * ctx->out, or record why not; origin ("file:line") is named in the
 * message when not NULL. The interpreter is checked first, whatever the
 * flags, where the kernel will open it (binfmt_interp_runnable): with F
 * here, now; without F where the programs run (ctx->interp_root). Returns
 * the exit status of this one entry. */
int ctl_install(struct ctl_ctx *ctx, const struct binfmt_entry *e, const char *origin);

#endif
