/* rosettactl's option table and parser. An option that means nothing to
 * the command given is a usage error rather than silently ignored; what a
 * command takes comes from its struct rctl_command. */
#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "command.h"

/* Long options without a short one get ids past the characters. */
#define LONG_ONLY(o) (256 + (o))

const struct cli_option rctl_options[RCTL_OPT_COUNT] = {
	[RCTL_OPT_ROOT] = { "root", 0, "DIR",
			    "the root to look at (default /); the paths below default under it",
			    LONG_ONLY(RCTL_OPT_ROOT) },
	[RCTL_OPT_PROC] = { "proc", 0, "DIR", "proc filesystem (default ROOT/proc)",
			    LONG_ONLY(RCTL_OPT_PROC) },
	[RCTL_OPT_SYS] = { "sys", 0, "DIR", "sysfs (default ROOT/sys)", LONG_ONLY(RCTL_OPT_SYS) },
	[RCTL_OPT_BINFMT_DIR] = { "binfmt-dir", 0, "DIR",
				  "binfmt_misc directory (default PROC/sys/fs/binfmt_misc)",
				  LONG_ONLY(RCTL_OPT_BINFMT_DIR) },
	[RCTL_OPT_MOUNT] = { "mount", 0, "DIR",
			     "the share's mount point (default ROOT and rosetta.mount)",
			     LONG_ONLY(RCTL_OPT_MOUNT) },
	[RCTL_OPT_CONFIG] = { "config", 0, "FILE",
			      "configuration file (default ROOT/etc/rosetta-init.conf)",
			      LONG_ONLY(RCTL_OPT_CONFIG) },
	[RCTL_OPT_JSON] = { "json", 'J', NULL, "JSON output", 'J' },
	[RCTL_OPT_RAW] = { "raw", 'r', NULL, "raw output: unaligned, blanks escaped", 'r' },
	[RCTL_OPT_NOHEADINGS] = { "noheadings", 'n', NULL, "print no headings", 'n' },
	[RCTL_OPT_OUTPUT] = { "output", 'o', "COLUMNS",
			      "the columns to print, \"+LIST\" adds to the default", 'o' },
	[RCTL_OPT_PROGRAM] = { "program", 0, "PATH",
			       "the x86-64 self-test program (default /lib/rosetta/selftest)",
			       LONG_ONLY(RCTL_OPT_PROGRAM) },
	[RCTL_OPT_RUNS] = { "runs", 0, "N", "starts of each kind, 1 to 1000 (default 20)",
			    LONG_ONLY(RCTL_OPT_RUNS) },
	[RCTL_OPT_TRANSLATOR] = { "translator", 0, "PATH",
				  "the translator to name (default the entry's interpreter)",
				  LONG_ONLY(RCTL_OPT_TRANSLATOR) },
	[RCTL_OPT_NO_MOUNT] = { "no-mount", 0, NULL,
				"use the share's directory as it is, mount nothing",
				LONG_ONLY(RCTL_OPT_NO_MOUNT) },
	[RCTL_OPT_STATE] = { "state", 0, "FILE",
			     "what activate did, for deactivate (default "
			     "/run/rosettactl/activated)",
			     LONG_ONLY(RCTL_OPT_STATE) },
	[RCTL_OPT_HELP] = CLI_OPTION_HELP,
	[RCTL_OPT_VERSION] = CLI_OPTION_VERSION,
};

int rctl_usage_error(struct rctl_usage *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Where each path option's value goes. */
static const char **path_slot(int opt, struct rctl_where *w)
{
	switch (opt) {
	case RCTL_OPT_ROOT:
		return &w->root;
	case RCTL_OPT_PROC:
		return &w->proc;
	case RCTL_OPT_SYS:
		return &w->sys;
	case RCTL_OPT_BINFMT_DIR:
		return &w->binfmt_dir;
	case RCTL_OPT_MOUNT:
		return &w->mount;
	case RCTL_OPT_CONFIG:
		return &w->config;
	default:
		return NULL;
	}
}

/* Store one option's value. */
static void take_option(int opt, const char *arg, struct rctl_args *a)
{
	const char **slot = path_slot(opt, &a->where);

	a->seen |= RCTL_OPT(opt);
	a->value[opt] = arg;
	if (slot)
		*slot = arg;
	else if (opt == RCTL_OPT_JSON)
		a->format.json = true;
	else if (opt == RCTL_OPT_RAW)
		a->format.raw = true;
	else if (opt == RCTL_OPT_NOHEADINGS)
		a->format.noheadings = true;
	else if (opt == RCTL_OPT_OUTPUT)
		a->format.columns = arg;
}

static void take(void *arg, int index, const char *value)
{
	take_option(index, value, arg);
}

/* Returns 0 when every option was read, a rctl_parse_result for --help
 * and --version, or -EINVAL. */
static int read_options(int argc, char **argv, struct rctl_args *a, struct rctl_usage *err)
{
	char why[sizeof(err->msg)];
	int r =
	    cli_read_options(rctl_options, RCTL_OPT_COUNT, argc, argv, take, a, why, sizeof(why));

	if (r == CLI_READ_HELP)
		return RCTL_HELP;
	if (r == CLI_READ_VERSION)
		return RCTL_VERSION_INFO;
	if (r < 0)
		return rctl_usage_error(err, "%s", why);
	return 0;
}

static int check_options(const struct rctl_command *cmd, const struct rctl_args *a,
			 struct rctl_usage *err)
{
	unsigned long stray = a->seen & ~rctl_command_opts(cmd);
	struct rctl_where w = a->where;

	for (int i = 0; stray && i < RCTL_OPT_COUNT; i++)
		if (stray & RCTL_OPT(i))
			return rctl_usage_error(err, "option --%s does not apply to '%s'",
						rctl_options[i].name, cmd->name);
	if (a->format.json && a->format.raw)
		return rctl_usage_error(err, "--json and --raw exclude each other");
	for (int i = 0; i < RCTL_OPT_COUNT; i++) {
		const char **slot = path_slot(i, &w);

		if (slot && *slot && !**slot)
			return rctl_usage_error(err, "--%s needs a path", rctl_options[i].name);
	}
	return 0;
}

static int check_operands(const struct rctl_command *cmd, const struct rctl_args *a,
			  struct rctl_usage *err)
{
	if (a->noperands < cmd->min)
		return rctl_usage_error(err, "'%s' needs %s", cmd->name, cmd->missing);
	if (a->noperands > cmd->max)
		return rctl_usage_error(err, "unexpected argument '%s' for '%s'",
					a->operands[cmd->max], cmd->name);
	return 0;
}

static int check_command(const struct rctl_command *cmd, const struct rctl_args *a,
			 struct rctl_usage *err)
{
	int r = check_options(cmd, a, err);

	if (r == 0 && cmd->check)
		r = cmd->check(a, err);
	if (r == 0)
		r = check_operands(cmd, a, err);
	return r;
}

int rctl_parse_args(int argc, char **argv, struct rctl_args *a, struct rctl_usage *err)
{
	int r;

	memset(a, 0, sizeof(*a));
	err->msg[0] = '\0';
	r = read_options(argc, argv, a, err);
	if (r != 0)
		return r;
	if (optind >= argc)
		return rctl_usage_error(err, "no command given");
	a->cmd = rctl_find_command(argv[optind]);
	if (!a->cmd)
		return rctl_usage_error(err, "unknown command '%s'", argv[optind]);
	a->operands = argv + optind + 1;
	a->noperands = (size_t)(argc - optind - 1);
	return check_command(a->cmd, a, err);
}
