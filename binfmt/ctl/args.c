/* binfmtctl's option table and parser. Every option is accepted before or
 * after the command; an option that means nothing to the command given is
 * a usage error rather than silently ignored. What a command takes comes
 * from its struct ctl_command. */
#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binfmt/binfmtfs.h"
#include "command.h"

/* Long options without a short one get ids past the characters. */
#define LONG_ONLY(o) (256 + (o))

const struct cli_option ctl_options[OPT_COUNT] = {
	[OPT_PROCDIR] = { "procdir", 0, "DIR",
			  "binfmt_misc directory (default " BINFMT_DEFAULT_DIR ")",
			  LONG_ONLY(OPT_PROCDIR) },
	[OPT_ROOT] = { "root", 0, "DIR", "look for the binfmt.d directories under DIR",
		       LONG_ONLY(OPT_ROOT) },
	[OPT_JSON] = { "json", 'J', NULL, "JSON output", 'J' },
	[OPT_RAW] = { "raw", 'r', NULL, "raw output: unaligned, blanks escaped", 'r' },
	[OPT_NOHEADINGS] = { "noheadings", 'n', NULL, "print no headings (show: no field names)",
			     'n' },
	[OPT_OUTPUT] = { "output", 'o', "COLUMNS",
			 "the columns to print, \"+LIST\" adds to the default", 'o' },
	[OPT_FILE] = { "file", 0, "FILE", "register the one register string in FILE",
		       LONG_ONLY(OPT_FILE) },
	[OPT_PRINT] = { "print", 0, NULL, "print the register string (the default)",
			LONG_ONLY(OPT_PRINT) },
	[OPT_INSTALL] = { "install", 0, NULL, "register the entry and warn of competitors",
			  LONG_ONLY(OPT_INSTALL) },
	[OPT_INTERPRETER] = { "interpreter", 0, "PATH",
			      "translator (default " DEFAULT_TRANSLATOR ")",
			      LONG_ONLY(OPT_INTERPRETER) },
	[OPT_FLAGS] = { "flags", 0, "FLAGS", "letters of POCF (default " DEFAULT_BINFMT_FLAGS ")",
			LONG_ONLY(OPT_FLAGS) },
	[OPT_NAME] = { "name", 0, "NAME", "entry name (default " DEFAULT_BINFMT_NAME ")",
		       LONG_ONLY(OPT_NAME) },
	[OPT_ALL] = { "all", 0, NULL, "every overlapping pair instead of one entry's",
		      LONG_ONLY(OPT_ALL) },
	[OPT_DISABLE] = { "disable", 0, NULL, "disable the enabled entries competing with NAME",
			  LONG_ONLY(OPT_DISABLE) },
	[OPT_POLICY] = { "policy", 0, "POLICY",
			 "strict (the default: file, filesystem and ELF) or elf",
			 LONG_ONLY(OPT_POLICY) },
	[OPT_ANY_FS] = { "any-fs", 0, NULL, "do not require a virtiofs (FUSE) filesystem",
			 LONG_ONLY(OPT_ANY_FS) },
	[OPT_SHA256] = { "sha256", 0, "HEX", "also require this SHA-256 (kernel crypto API)",
			 LONG_ONLY(OPT_SHA256) },
	[OPT_HELP] = CLI_OPTION_HELP,
	[OPT_VERSION] = CLI_OPTION_VERSION,
};

int ctl_usage_error(struct ctl_usage *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Store one option's value. */
static void take_option(int opt, const char *arg, struct ctl_args *a)
{
	a->seen |= CTL_OPT(opt);
	switch (opt) {
	case OPT_PROCDIR:
		a->procdir = arg;
		break;
	case OPT_ROOT:
		a->root = arg;
		break;
	case OPT_JSON:
		a->format.json = true;
		break;
	case OPT_RAW:
		a->format.raw = true;
		break;
	case OPT_NOHEADINGS:
		a->format.noheadings = true;
		break;
	case OPT_OUTPUT:
		a->format.columns = arg;
		break;
	case OPT_FILE:
		a->file = arg;
		break;
	case OPT_INSTALL:
		a->install = true;
		break;
	case OPT_INTERPRETER:
		a->interpreter = arg;
		break;
	case OPT_FLAGS:
		a->flags = arg;
		break;
	case OPT_NAME:
		a->name = arg;
		break;
	case OPT_ALL:
		a->all = true;
		break;
	case OPT_DISABLE:
		a->disable = true;
		break;
	case OPT_POLICY:
		a->policy = arg;
		break;
	case OPT_ANY_FS:
		a->any_fs = true;
		break;
	case OPT_SHA256:
		a->sha256 = arg;
		break;
	}
}

static void take(void *arg, int index, const char *value)
{
	take_option(index, value, arg);
}

/* Returns 0 when every option was read, a ctl_parse_result for --help
 * and --version, or -EINVAL. */
static int read_options(int argc, char **argv, struct ctl_args *a, struct ctl_usage *err)
{
	char why[sizeof(err->msg)];
	int r = cli_read_options(ctl_options, OPT_COUNT, argc, argv, take, a, why, sizeof(why));

	if (r == CLI_READ_HELP)
		return CTL_HELP;
	if (r == CLI_READ_VERSION)
		return CTL_VERSION_INFO;
	if (r < 0)
		return ctl_usage_error(err, "%s", why);
	return 0;
}

static int check_options(const struct ctl_command *cmd, unsigned long seen, struct ctl_usage *err)
{
	unsigned long stray = seen & ~ctl_command_opts(cmd);

	for (int i = 0; stray && i < OPT_COUNT; i++)
		if (stray & CTL_OPT(i))
			return ctl_usage_error(err, "option --%s does not apply to '%s'",
					       ctl_options[i].name, cmd->name);
	if ((seen & CTL_OPT(OPT_JSON)) && (seen & CTL_OPT(OPT_RAW)))
		return ctl_usage_error(err, "--json and --raw exclude each other");
	return 0;
}

static int check_operands(const struct ctl_command *cmd, const struct ctl_args *a,
			  struct ctl_usage *err)
{
	if (a->noperands < cmd->min)
		return ctl_usage_error(err, "'%s' needs %s", cmd->name, cmd->missing);
	if (a->noperands > cmd->max)
		return ctl_usage_error(err, "unexpected argument '%s' for '%s'",
				       a->operands[cmd->max], cmd->name);
	return 0;
}

static void set_defaults(struct ctl_args *a)
{
	memset(a, 0, sizeof(*a));
	a->procdir = BINFMT_DEFAULT_DIR;
	a->interpreter = DEFAULT_TRANSLATOR;
	a->flags = DEFAULT_BINFMT_FLAGS;
	a->name = DEFAULT_BINFMT_NAME;
	a->policy = "strict";
}

static int check_columns(const struct ctl_command *cmd, const char *list, struct ctl_usage *err)
{
	struct error_record e;

	error_init(&e);
	if (table_columns_check(cmd->columns, list, &e) < 0)
		return ctl_usage_error(err, "%s", e.msg[0].text);
	return 0;
}

static int check_command(const struct ctl_command *cmd, const struct ctl_args *a,
			 struct ctl_usage *err)
{
	int r = check_options(cmd, a->seen, err);

	if (r == 0 && cmd->check)
		r = cmd->check(a, err);
	if (r == 0)
		r = check_operands(cmd, a, err);
	if (r == 0 && !*a->procdir)
		r = ctl_usage_error(err, "--procdir needs a directory");
	if (r == 0 && a->format.columns)
		r = check_columns(cmd, a->format.columns, err);
	return r;
}

int ctl_parse_args(int argc, char **argv, struct ctl_args *a, struct ctl_usage *err)
{
	int r;

	set_defaults(a);
	err->msg[0] = '\0';
	r = read_options(argc, argv, a, err);
	if (r != 0)
		return r;
	if (optind >= argc)
		return ctl_usage_error(err, "no command given");
	a->cmd = ctl_find_command(argv[optind]);
	if (!a->cmd)
		return ctl_usage_error(err, "unknown command '%s'", argv[optind]);
	a->operands = argv + optind + 1;
	a->noperands = (size_t)(argc - optind - 1);
	return check_command(a->cmd, a, err);
}
