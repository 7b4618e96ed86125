/* binfmtctl's option and command parser. Every option is accepted before or
 * after the command; an option that means nothing to the command given is a
 * usage error rather than silently ignored. */
#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binfmt/binfmtfs.h"

/* Options that belong to some commands only. */
enum {
	OPT_JSON = 1 << 0,
	OPT_FILE = 1 << 1,
	OPT_PRINT = 1 << 2,
	OPT_INSTALL = 1 << 3,
	OPT_INTERPRETER = 1 << 4,
	OPT_FLAGS = 1 << 5,
	OPT_NAME = 1 << 6,
	OPT_ALL = 1 << 7,
	OPT_DISABLE = 1 << 8,
	OPT_POLICY = 1 << 9,
	OPT_ANY_FS = 1 << 10,
	OPT_SHA256 = 1 << 11,
};

#define MANY	     ((size_t)-1)
#define ROSETTA_OPTS (OPT_PRINT | OPT_INSTALL | OPT_INTERPRETER | OPT_FLAGS | OPT_NAME)

struct command_info {
	const char *name;
	size_t min, max; /* operands */
	unsigned int opts;
};

static const struct command_info commands[CTL_CMD_COUNT] = {
	[CTL_CMD_LIST] = { "list", 0, 0, OPT_JSON },
	[CTL_CMD_SHOW] = { "show", 1, 1, OPT_JSON },
	[CTL_CMD_REGISTER] = { "register", 1, 1, OPT_FILE },
	[CTL_CMD_REMOVE] = { "remove", 1, MANY, 0 },
	[CTL_CMD_ENABLE] = { "enable", 1, MANY, 0 },
	[CTL_CMD_DISABLE] = { "disable", 1, MANY, 0 },
	[CTL_CMD_STATUS] = { "status", 0, 0, OPT_JSON },
	[CTL_CMD_LOAD] = { "load", 0, MANY, 0 },
	[CTL_CMD_IMPORT] = { "import", 1, MANY, 0 },
	[CTL_CMD_ROSETTA] = { "rosetta", 0, 0, ROSETTA_OPTS },
	[CTL_CMD_CONFLICTS] = { "conflicts", 0, 1, OPT_JSON | OPT_ALL | OPT_DISABLE },
	[CTL_CMD_VERIFY] = { "verify", 1, 1, OPT_POLICY | OPT_ANY_FS | OPT_SHA256 },
};

enum {
	LONG_PROCDIR = 256,
	LONG_ROOT,
	LONG_JSON,
	LONG_FILE,
	LONG_PRINT,
	LONG_INSTALL,
	LONG_INTERPRETER,
	LONG_FLAGS,
	LONG_NAME,
	LONG_ALL,
	LONG_DISABLE,
	LONG_POLICY,
	LONG_ANY_FS,
	LONG_SHA256,
};

static const struct option long_opts[] = {
	{ "procdir", required_argument, NULL, LONG_PROCDIR },
	{ "root", required_argument, NULL, LONG_ROOT },
	{ "json", no_argument, NULL, LONG_JSON },
	{ "file", required_argument, NULL, LONG_FILE },
	{ "print", no_argument, NULL, LONG_PRINT },
	{ "install", no_argument, NULL, LONG_INSTALL },
	{ "interpreter", required_argument, NULL, LONG_INTERPRETER },
	{ "flags", required_argument, NULL, LONG_FLAGS },
	{ "name", required_argument, NULL, LONG_NAME },
	{ "all", no_argument, NULL, LONG_ALL },
	{ "disable", no_argument, NULL, LONG_DISABLE },
	{ "policy", required_argument, NULL, LONG_POLICY },
	{ "any-fs", no_argument, NULL, LONG_ANY_FS },
	{ "sha256", required_argument, NULL, LONG_SHA256 },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The option each OPT_ bit stands for, for messages. */
static const char *const opt_names[] = {
	"--json", "--file", "--print",	 "--install", "--interpreter", "--flags",
	"--name", "--all",  "--disable", "--policy",  "--any-fs",      "--sha256",
};

__attribute__((format(printf, 2, 3))) static int usage_error(struct ctl_usage *err, const char *fmt,
							     ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

const char *ctl_command_name(enum ctl_command cmd)
{
	return cmd < CTL_CMD_COUNT ? commands[cmd].name : "?";
}

static int find_command(const char *word, enum ctl_command *cmd)
{
	for (int i = 0; i < CTL_CMD_COUNT; i++) {
		if (!strcmp(word, commands[i].name)) {
			*cmd = (enum ctl_command)i;
			return 0;
		}
	}
	return -ENOENT;
}

/* Stores one command option's value; *seen collects the OPT_ bits. */
static void take_option(int c, const char *arg, struct ctl_args *a, unsigned int *seen)
{
	switch (c) {
	case LONG_PROCDIR:
		a->procdir = arg;
		break;
	case LONG_ROOT:
		a->root = arg;
		break;
	case LONG_JSON:
		a->json = true;
		*seen |= OPT_JSON;
		break;
	case LONG_FILE:
		a->file = arg;
		*seen |= OPT_FILE;
		break;
	case LONG_PRINT:
		*seen |= OPT_PRINT;
		break;
	case LONG_INSTALL:
		a->install = true;
		*seen |= OPT_INSTALL;
		break;
	case LONG_INTERPRETER:
		a->interpreter = arg;
		*seen |= OPT_INTERPRETER;
		break;
	case LONG_FLAGS:
		a->flags = arg;
		*seen |= OPT_FLAGS;
		break;
	case LONG_NAME:
		a->name = arg;
		*seen |= OPT_NAME;
		break;
	case LONG_ALL:
		a->all = true;
		*seen |= OPT_ALL;
		break;
	case LONG_DISABLE:
		a->disable = true;
		*seen |= OPT_DISABLE;
		break;
	case LONG_POLICY:
		a->policy = arg;
		*seen |= OPT_POLICY;
		break;
	case LONG_ANY_FS:
		a->any_fs = true;
		*seen |= OPT_ANY_FS;
		break;
	case LONG_SHA256:
		a->sha256 = arg;
		*seen |= OPT_SHA256;
		break;
	}
}

/* The text of the option getopt_long just refused, for the message. */
static const char *bad_option(char **argv, char *shortopt)
{
	const char *opt = argv[optind - 1];

	if (strncmp(opt, "--", 2) != 0 && optopt > 0 && optopt < 256) {
		shortopt[0] = '-';
		shortopt[1] = (char)optopt;
		shortopt[2] = '\0';
		return shortopt;
	}
	return opt;
}

/* Returns 0 when every option was read, a ctl_parse_result for --help and
 * --version, or -EINVAL. */
static int read_options(int argc, char **argv, struct ctl_args *a, unsigned int *seen,
			struct ctl_usage *err)
{
	char shortopt[3];
	int c;

	/* Reset getopt, which keeps its position between calls (the tests parse
	 * many command lines in one process); 0 asks for a full restart. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", long_opts, NULL)) != -1) {
		if (c == 'h')
			return CTL_HELP;
		if (c == 'V')
			return CTL_VERSION_INFO;
		if (c == ':')
			return usage_error(err, "option %s needs an argument",
					   bad_option(argv, shortopt));
		if (c == '?')
			return usage_error(err, "unknown option %s", bad_option(argv, shortopt));
		take_option(c, optarg, a, seen);
	}
	return 0;
}

static int check_options(const struct command_info *ci, unsigned int seen, struct ctl_usage *err)
{
	unsigned int stray = seen & ~ci->opts;

	for (size_t i = 0; stray && i < sizeof(opt_names) / sizeof(opt_names[0]); i++)
		if (stray & (1u << i))
			return usage_error(err, "option %s does not apply to '%s'", opt_names[i],
					   ci->name);
	if ((seen & OPT_PRINT) && (seen & OPT_INSTALL))
		return usage_error(err, "--print and --install exclude each other");
	if ((seen & OPT_ALL) && (seen & OPT_DISABLE))
		return usage_error(err, "--disable needs one entry's conflicts, not --all");
	return 0;
}

static int check_operands(const struct command_info *ci, const struct ctl_args *a,
			  struct ctl_usage *err)
{
	size_t min = ci->min, max = ci->max;

	if (a->cmd == CTL_CMD_REGISTER && a->file)
		min = max = 0;
	if (a->cmd == CTL_CMD_CONFLICTS && a->all)
		max = 0;
	if (a->noperands < min)
		return usage_error(err, "'%s' needs %s", ci->name,
				   a->cmd == CTL_CMD_REGISTER ? "a register string or --file"
				   : a->cmd == CTL_CMD_IMPORT ? "at least one FILE"
							      : "an entry NAME");
	if (a->noperands > max)
		return usage_error(err, "unexpected argument '%s' for '%s'", a->operands[max],
				   ci->name);
	return 0;
}

static int check_values(const struct ctl_args *a, struct ctl_usage *err)
{
	if (!*a->procdir)
		return usage_error(err, "--procdir needs a directory");
	if (a->flags && strspn(a->flags, "POCF") != strlen(a->flags))
		return usage_error(err, "bad --flags '%s': use letters of P, O, C and F", a->flags);
	if (strcmp(a->policy, "strict") != 0 && strcmp(a->policy, "elf") != 0)
		return usage_error(err, "bad --policy '%s': use strict or elf", a->policy);
	if (a->sha256 &&
	    (strlen(a->sha256) != 64 || strspn(a->sha256, "0123456789abcdefABCDEF") != 64))
		return usage_error(err, "bad --sha256 '%s': give 64 hex digits", a->sha256);
	return 0;
}

static void set_defaults(struct ctl_args *a)
{
	memset(a, 0, sizeof(*a));
	a->procdir = BINFMT_DEFAULT_DIR;
	a->interpreter = CTL_ROSETTA_INTERPRETER;
	a->flags = CTL_ROSETTA_FLAGS;
	a->name = CTL_ROSETTA_NAME;
	a->policy = "strict";
}

int ctl_parse_args(int argc, char **argv, struct ctl_args *a, struct ctl_usage *err)
{
	unsigned int seen = 0;
	int r;

	set_defaults(a);
	err->msg[0] = '\0';
	r = read_options(argc, argv, a, &seen, err);
	if (r != 0)
		return r;
	if (optind >= argc)
		return usage_error(err, "no command given");
	if (find_command(argv[optind], &a->cmd) < 0)
		return usage_error(err, "unknown command '%s'", argv[optind]);
	a->operands = argv + optind + 1;
	a->noperands = (size_t)(argc - optind - 1);
	r = check_options(&commands[a->cmd], seen, err);
	if (r == 0)
		r = check_operands(&commands[a->cmd], a, err);
	if (r == 0)
		r = check_values(a, err);
	return r;
}
