/* The command table, and --help made from it and the option table. */
#include <string.h>

#include "command.h"
#include "lib/array_size.h"

const struct ctl_command *const ctl_commands[] = {
	&ctl_cmd_list,	 &ctl_cmd_show,	   &ctl_cmd_register,  &ctl_cmd_remove,
	&ctl_cmd_enable, &ctl_cmd_disable, &ctl_cmd_status,    &ctl_cmd_load,
	&ctl_cmd_import, &ctl_cmd_rosetta, &ctl_cmd_conflicts, &ctl_cmd_verify,
};
const size_t ctl_ncommands = ARRAY_SIZE(ctl_commands);

/* Where the help of a column starts, as cli_print_options aligns options. */
#define HELP_COLUMN 26

const struct ctl_command *ctl_find_command(const char *word)
{
	for (size_t i = 0; i < ctl_ncommands; i++)
		if (!strcmp(word, ctl_commands[i]->name))
			return ctl_commands[i];
	return NULL;
}

unsigned long ctl_command_opts(const struct ctl_command *cmd)
{
	return cmd->opts | CTL_OPTS_GLOBAL | (cmd->columns ? CTL_OPTS_OUTPUT : 0);
}

/* Which commands take option opt, every one included. */
static unsigned long takers(int opt)
{
	unsigned long set = 0;

	for (size_t i = 0; i < ctl_ncommands; i++)
		if (ctl_command_opts(ctl_commands[i]) & CTL_OPT(opt))
			set |= 1UL << i;
	return set;
}

/* "Options of rosetta:", "Columns of list and show:". */
static void print_section_title(FILE *out, const char *what, unsigned long set)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < ctl_ncommands; i++)
		n += (set >> i) & 1;
	fprintf(out, "\n%s of ", what);
	for (size_t i = 0; i < ctl_ncommands; i++) {
		if (!((set >> i) & 1))
			continue;
		k++;
		fprintf(out, "%s%s", ctl_commands[i]->name,
			k == n	     ? ":\n"
			: k == n - 1 ? " and "
				     : ", ");
	}
}

/* Options in table order, a title wherever the commands taking them
 * change: the options every command takes are the plain "Options". */
static void print_options(FILE *out)
{
	unsigned long all = ctl_ncommands == 8 * sizeof(long) ? ~0UL : (1UL << ctl_ncommands) - 1;
	unsigned long prev = 0;

	for (int i = 0; i < OPT_COUNT;) {
		unsigned long set = takers(i);
		int end = i;

		while (end < OPT_COUNT && takers(end) == set)
			end++;
		if (set == all && prev == 0)
			fputs("\nOptions:\n", out);
		else if (set == all)
			fputs("\n", out);
		else
			print_section_title(out, "Options", set);
		cli_print_options(out, ctl_options + i, (size_t)(end - i));
		prev = set;
		i = end;
	}
}

/* The commands printing the columns of set, which show and list share. */
static unsigned long column_users(const struct table_column_set *set)
{
	unsigned long users = 0;

	for (size_t i = 0; i < ctl_ncommands; i++)
		if (ctl_commands[i]->columns && ctl_commands[i]->columns->v == set->v)
			users |= 1UL << i;
	return users;
}

static void print_columns(FILE *out)
{
	unsigned long done = 0;

	for (size_t i = 0; i < ctl_ncommands; i++) {
		const struct table_column_set *set = ctl_commands[i]->columns;

		if (!set || ((done >> i) & 1))
			continue;
		done |= column_users(set);
		print_section_title(out, "Columns", column_users(set));
		for (size_t c = 0; c < set->n; c++)
			fprintf(out, " %-*s%s\n", HELP_COLUMN - 1, set->v[c].name, set->v[c].help);
	}
}

void ctl_usage(FILE *out)
{
	fputs("\nUsage:\n " CTL_PROG " [options] <command> [<argument>...]\n", out);
	fputs("\nInspect and change the kernel's binfmt_misc handlers.\n", out);
	fputs("\nCommands:\n", out);
	for (size_t i = 0; i < ctl_ncommands; i++)
		cli_print_command(out, ctl_commands[i]->name, ctl_commands[i]->operands,
				  ctl_commands[i]->help);
	print_options(out);
	print_columns(out);
	fputs("\nExit status: 0 success, 1 bad input, refused entry or conflict found,\n"
	      "2 usage error, 3 system error.\n",
	      out);
	fputs("\nFor more details see " CTL_PROG "(1).\n", out);
}
