/* rosettactl's command line: the option table, the values the options and
 * the command set, and the parser. Parsing is pure (no output, no system
 * calls) so that the unit tests can check every usage error. */
#ifndef ROSETTACTL_ARGS_H
#define ROSETTACTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/cli.h"
#include "lib/table.h"

#define RCTL_PROG "rosettactl"

/* Every option, by its line in rctl_options[]; a command names those it
 * takes with RCTL_OPT(). */
enum rctl_option {
	RCTL_OPT_ROOT,
	RCTL_OPT_PROC,
	RCTL_OPT_SYS,
	RCTL_OPT_BINFMT_DIR,
	RCTL_OPT_MOUNT,
	RCTL_OPT_CONFIG,
	RCTL_OPT_JSON,
	RCTL_OPT_RAW,
	RCTL_OPT_NOHEADINGS,
	RCTL_OPT_OUTPUT,     /* doctor: the columns */
	RCTL_OPT_PROGRAM,    /* test, bench, activate: the x86-64 self-test program */
	RCTL_OPT_RUNS,	     /* bench */
	RCTL_OPT_TRANSLATOR, /* bench: the translator named explicitly */
	RCTL_OPT_NO_MOUNT,   /* activate */
	RCTL_OPT_STATE,	     /* activate, deactivate: the state file */
	RCTL_OPT_HELP,
	RCTL_OPT_VERSION,
	RCTL_OPT_COUNT,
};

#define RCTL_OPT(o) (1UL << (o))
/* What every command takes: where the outside world is. */
#define RCTL_OPTS_GLOBAL                                                                           \
	(RCTL_OPT(RCTL_OPT_ROOT) | RCTL_OPT(RCTL_OPT_PROC) | RCTL_OPT(RCTL_OPT_SYS) |              \
	 RCTL_OPT(RCTL_OPT_BINFMT_DIR) | RCTL_OPT(RCTL_OPT_MOUNT) | RCTL_OPT(RCTL_OPT_CONFIG) |    \
	 RCTL_OPT(RCTL_OPT_HELP) | RCTL_OPT(RCTL_OPT_VERSION))
/* What every command that prints a table takes (struct rctl_command.table). */
#define RCTL_OPTS_OUTPUT                                                                           \
	(RCTL_OPT(RCTL_OPT_JSON) | RCTL_OPT(RCTL_OPT_RAW) | RCTL_OPT(RCTL_OPT_NOHEADINGS))

extern const struct cli_option rctl_options[RCTL_OPT_COUNT];

struct rctl_command;

/* The paths given on the command line; NULL: the default (context.h). */
struct rctl_where {
	const char *root, *proc, *sys, *binfmt_dir, *mount, *config;
};

struct rctl_args {
	const struct rctl_command *cmd;
	char *const *operands;
	size_t noperands;
	unsigned long seen; /* RCTL_OPT() of the options given */
	struct rctl_where where;
	struct table_format format; /* --json, --raw, --noheadings, --output */
	/* Each option's argument as given, for the commands to read. */
	const char *value[RCTL_OPT_COUNT];
};

/* What rctl_parse_args found; usage errors are -EINVAL. */
enum rctl_parse_result {
	RCTL_RUN = 0,
	RCTL_HELP,
	RCTL_VERSION_INFO,
};

struct rctl_usage {
	char msg[256];
};

/* Record a usage error; returns -EINVAL. */
int rctl_usage_error(struct rctl_usage *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse argv (options may follow the command, as in git). Returns an
 * rctl_parse_result, or -EINVAL with the reason in err. */
int rctl_parse_args(int argc, char **argv, struct rctl_args *a, struct rctl_usage *err);

#endif
