/* binfmtctl's command line: the option table, the values the options and
 * the command set, and the parser. Parsing is pure (no output, no system
 * calls) so that the unit tests can check every usage error. */
#ifndef BINFMTCTL_ARGS_H
#define BINFMTCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/cli.h"
#include "lib/contract.h" /* the Rosetta entry's defaults, as rosetta-init registers it */
#include "lib/table.h"

#define CTL_PROG "binfmtctl"

/* Every option, by its line in ctl_options[]; a command names those it
 * takes with CTL_OPT(). */
enum ctl_option {
	OPT_PROCDIR,
	OPT_ROOT,
	OPT_JSON,
	OPT_RAW,
	OPT_NOHEADINGS,
	OPT_OUTPUT,
	OPT_FILE,
	OPT_PRINT,
	OPT_INSTALL,
	OPT_INTERPRETER,
	OPT_FLAGS,
	OPT_NAME,
	OPT_ALL,
	OPT_DISABLE,
	OPT_POLICY,
	OPT_ANY_FS,
	OPT_SHA256,
	OPT_HELP,
	OPT_VERSION,
	OPT_COUNT,
};

#define CTL_OPT(o) (1UL << (o))
/* What every command takes. */
#define CTL_OPTS_GLOBAL                                                                            \
	(CTL_OPT(OPT_PROCDIR) | CTL_OPT(OPT_ROOT) | CTL_OPT(OPT_HELP) | CTL_OPT(OPT_VERSION))
/* What every command that prints a table takes (struct ctl_command.columns). */
#define CTL_OPTS_OUTPUT                                                                            \
	(CTL_OPT(OPT_JSON) | CTL_OPT(OPT_RAW) | CTL_OPT(OPT_NOHEADINGS) | CTL_OPT(OPT_OUTPUT))

extern const struct cli_option ctl_options[OPT_COUNT];

struct ctl_command;

struct ctl_args {
	const struct ctl_command *cmd;
	char *const *operands;
	size_t noperands;
	unsigned long seen;	    /* CTL_OPT() of the options given */
	const char *procdir;	    /* the binfmt_misc directory */
	const char *root;	    /* prefix of the binfmt.d directories, NULL for / */
	struct table_format format; /* --json, --raw, --noheadings, --output */
	const char *file;	    /* register --file */
	bool install;		    /* rosetta --install; --print otherwise */
	const char *interpreter;    /* rosetta */
	const char *flags;	    /* rosetta */
	const char *name;	    /* rosetta */
	bool all;		    /* conflicts --all */
	bool disable;		    /* conflicts --disable */
	const char *policy;	    /* verify --policy: "strict" or "elf" */
	bool any_fs;		    /* verify --any-fs */
	const char *sha256;	    /* verify --sha256 */
};

/* What ctl_parse_args found; usage errors are -EINVAL. */
enum ctl_parse_result {
	CTL_RUN = 0,
	CTL_HELP,
	CTL_VERSION_INFO,
};

struct ctl_usage {
	char msg[256];
};

/* Record a usage error; returns -EINVAL. */
int ctl_usage_error(struct ctl_usage *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse argv (reordered as GNU getopt_long does: options may follow the
 * command and its operands). Returns a ctl_parse_result, or -EINVAL with
 * the reason in err. */
int ctl_parse_args(int argc, char **argv, struct ctl_args *a, struct ctl_usage *err);

#endif
