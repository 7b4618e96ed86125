/* binfmtctl's command line: the global options, the command, its options and
 * its operands. Parsing is pure (no output, no system calls) so that the unit
 * tests can check every usage error. */
#ifndef BINFMTCTL_ARGS_H
#define BINFMTCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define CTL_PROG    "binfmtctl"
#define CTL_VERSION "0.1"

/* The Rosetta entry's defaults, as rosetta-init uses them (rosetta-init(8)). */
#define CTL_ROSETTA_NAME	"rosetta"
#define CTL_ROSETTA_INTERPRETER "/run/rosetta/rosetta"
#define CTL_ROSETTA_FLAGS	"CFP"

enum ctl_command {
	CTL_CMD_LIST,
	CTL_CMD_SHOW,
	CTL_CMD_REGISTER,
	CTL_CMD_REMOVE,
	CTL_CMD_ENABLE,
	CTL_CMD_DISABLE,
	CTL_CMD_STATUS,
	CTL_CMD_LOAD,
	CTL_CMD_IMPORT,
	CTL_CMD_ROSETTA,
	CTL_CMD_CONFLICTS,
	CTL_CMD_VERIFY,
	CTL_CMD_COUNT,
};

/* What ctl_parse_args found; usage errors are -EINVAL. */
enum ctl_parse_result {
	CTL_RUN = 0,
	CTL_HELP,
	CTL_VERSION_INFO,
};

struct ctl_args {
	const char *procdir; /* the binfmt_misc directory */
	const char *root;    /* prefix of the binfmt.d directories, NULL for / */
	bool json;
	enum ctl_command cmd;
	char *const *operands;
	size_t noperands;
	const char *file;	 /* register --file */
	bool install;		 /* rosetta --install; --print otherwise */
	const char *interpreter; /* rosetta */
	const char *flags;	 /* rosetta */
	const char *name;	 /* rosetta */
	bool all;		 /* conflicts --all */
	bool disable;		 /* conflicts --disable */
	const char *policy;	 /* verify --policy: "strict" or "elf" */
	bool any_fs;		 /* verify --any-fs */
	const char *sha256;	 /* verify --sha256 */
};

struct ctl_usage {
	char msg[256];
};

/* Parse argv (reordered by getopt_long: options may follow the command).
 * Returns a ctl_parse_result, or -EINVAL with the reason in err. */
int ctl_parse_args(int argc, char **argv, struct ctl_args *a, struct ctl_usage *err);

/* The command's name as typed: "list". */
const char *ctl_command_name(enum ctl_command cmd);

#endif
