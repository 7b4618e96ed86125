/* rosettactl's commands and what they share. Each command is one struct
 * rctl_command, defined beside its code and listed in rctl_commands[]
 * (commands.c); the parser, the usage checks and --help all come from it.
 * A command prints its normal output to ctx->out, records failures in
 * ctx->rep (main.c prints them) and returns its exit status. */
#ifndef ROSETTACTL_COMMAND_H
#define ROSETTACTL_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

#include "args.h"
#include "lib/report.h"
#include "target.h"

#define RCTL_MANY ((size_t)-1)

struct rctl_ctx {
	const struct rctl_args *args;
	struct rctl_target *target; /* the paths and the init's configuration */
	FILE *out;
	struct report *rep;
};

struct rctl_command {
	const char *name;
	const char *operands; /* as --help shows them: "[N]" */
	const char *help;     /* for --help; '\n' continues it on a new line */
	int (*run)(struct rctl_ctx *ctx);
	size_t min, max;     /* operands */
	const char *missing; /* "'bench' needs ...": "a PROGRAM" */
	unsigned long opts;  /* RCTL_OPT() of its own options */
	bool table;	     /* prints tables: takes -J, -r, -n */
	/* The columns -o picks from, listed in --help; NULL: no -o. */
	const struct table_column_set *columns;
	/* Usage checks past the options and the operand count. NULL: none.
	 * Returns 0 or rctl_usage_error(). */
	int (*check)(const struct rctl_args *a, struct rctl_usage *err);
};

extern const struct rctl_command rctl_cmd_status, rctl_cmd_doctor;
/* Acting on this system: the init's self-test and stages, the exec bench. */
extern const struct rctl_command rctl_cmd_test, rctl_cmd_bench, rctl_cmd_activate,
    rctl_cmd_deactivate;

/* Every command, in --help's order. */
extern const struct rctl_command *const rctl_commands[];
extern const size_t rctl_ncommands;

/* The command called word, or NULL. */
const struct rctl_command *rctl_find_command(const char *word);

/* The options cmd takes: its own, the global ones and, when it prints
 * tables, the output ones. */
unsigned long rctl_command_opts(const struct rctl_command *cmd);

/* --help, from rctl_commands[] and rctl_options[]. */
void rctl_usage(FILE *out);

#endif
