/* The manners every program of the project shares, as util-linux's
 * include/c.h gives its programs: one exit-code convention, one option
 * table per program from which both getopt_long's arrays and the --help
 * text come, one --version line, one "Try --help" hint, and one check that
 * standard output really reached its file. */
#ifndef LIB_CLI_H
#define LIB_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PROJECT_NAME	"rosetta-guest"
#define PROJECT_VERSION "0.1"

/* Exit statuses of every program but rosetta-launch (docs/CONVENTIONS.md). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAILED = 1, /* the operation or check failed on its object */
	CLI_EXIT_USAGE = 2,  /* unknown option, missing or extra argument */
	CLI_EXIT_SYSTEM = 3, /* memory, I/O, a system call: not the input's fault */
};

/* rosetta-launch passes its entry's status through, so its own failures sit
 * where timeout(1) and env(1) put theirs. */
enum cli_launch_exit {
	CLI_EXIT_TIMEOUT = 124,	  /* --timeout expired */
	CLI_EXIT_LAUNCHER = 125,  /* the launcher itself failed, usage included */
	CLI_EXIT_NO_STATUS = 126, /* the guest ended without reporting a status */
};

/* One option: its long name, its short letter (0 for none), the name of its
 * argument in the help (NULL: it takes none), and one line of help. id is
 * what cli_next returns for it: the short letter, or a value above 255. */
struct cli_option {
	const char *name;
	int short_name;
	const char *arg;
	const char *help;
	int id;
};

/* -h/--help and -V/--version, which every program has: the last two lines
 * of every option table. */
#define CLI_ID_HELP    'h'
#define CLI_ID_VERSION 'V'
#define CLI_OPTION_HELP                                                                            \
	{                                                                                          \
		"help", 'h', NULL, "display this help", CLI_ID_HELP                                \
	}
#define CLI_OPTION_VERSION                                                                         \
	{                                                                                          \
		"version", 'V', NULL, "display version", CLI_ID_VERSION                            \
	}

#define CLI_MAX_OPTIONS 40

/* getopt_long's arrays built from a table. */
struct cli_parser {
	struct option longopts[CLI_MAX_OPTIONS + 1];
	char shortopts[2 * CLI_MAX_OPTIONS + 3];
};

/* Fill p from opts[0..n). Returns 0, or -E2BIG past CLI_MAX_OPTIONS. */
int cli_parser_init(struct cli_parser *p, const struct cli_option *opts, size_t n);

/* The option text of --help: "  -o, --output FILE   help", aligned. */
void cli_print_options(FILE *out, const struct cli_option *opts, size_t n);

/* A command of a multi-command program in --help: " name OPERANDS   help",
 * the help starting where cli_print_options starts an option's, each '\n'
 * in help continuing it on a line of its own, two further in. */
void cli_print_command(FILE *out, const char *name, const char *operands, const char *help);

/* The option getopt_long just refused (it returned '?' or ':'), as the
 * user wrote it, for the message: "-x" (written into buf) for a short one,
 * else the word itself ("--frobnicate"). */
const char *cli_refused_option(char *const *argv, char buf[3]);

/* What cli_read_options stopped at, besides 0 (every option read) and
 * -EINVAL. */
enum cli_read_result {
	CLI_READ_HELP = 1,
	CLI_READ_VERSION,
};

/* The option loop of the programs with commands (binfmtctl, rosettactl),
 * where options may come before or after the command and its operands:
 * calls take(arg, index, value) for each option of opts[0..n) in argv, in
 * order, index its line in opts and value its argument or NULL. Stops at
 * -h or -V. Returns 0, a cli_read_result, or -EINVAL with the message
 * ("unknown option -x", "option --root needs an argument") in why. Leaves
 * optind at the first operand. */
int cli_read_options(const struct cli_option *opts, size_t n, int argc, char **argv,
		     void (*take)(void *arg, int index, const char *value), void *arg, char *why,
		     size_t size);

struct error_record;

/* A program's report of an error record: "PROG: message" on stderr for each
 * message kept, one line for those past ERROR_MAX, the --help hint after a
 * usage error; returns the exit status they earn: CLI_EXIT_SYSTEM when the
 * system failed, else CLI_EXIT_USAGE or CLI_EXIT_FAILED. */
int cli_report_errors(const char *prog, const struct error_record *err, bool usage_error);

/* "PROG from rosetta-guest 0.1" on stdout. */
void cli_print_version(const char *prog);

/* "Try 'PROG --help' for more information." on stderr. */
void cli_try_help(const char *prog);

/* Flush stdout and check that everything written to it arrived: a full disk
 * or a closed pipe is an error, not a success. Returns 0 or -errno. */
int cli_close_stdout(void);

/* A program's last word after writing to stdout: code when everything
 * arrived, else "PROG: cannot write the standard output: CAUSE" on stderr
 * and fail_code. */
int cli_exit_stdout(const char *prog, int code, int fail_code);

/* The option's name as the user wrote it, for messages: "--output" or "-o". */
const char *cli_option_name(const struct cli_option *opts, size_t n, int id, char *buf,
			    size_t size);

#endif
