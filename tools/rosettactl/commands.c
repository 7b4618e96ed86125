/* The command table, and --help made from it and the option table. */
#include <string.h>

#include "command.h"
#include "lib/array_size.h"

const struct rctl_command *const rctl_commands[] = {
	&rctl_cmd_status, &rctl_cmd_doctor,   &rctl_cmd_test,
	&rctl_cmd_bench,  &rctl_cmd_activate, &rctl_cmd_deactivate,
};
const size_t rctl_ncommands = ARRAY_SIZE(rctl_commands);

const struct rctl_command *rctl_find_command(const char *word)
{
	for (size_t i = 0; i < rctl_ncommands; i++)
		if (!strcmp(word, rctl_commands[i]->name))
			return rctl_commands[i];
	return NULL;
}

unsigned long rctl_command_opts(const struct rctl_command *cmd)
{
	return cmd->opts | RCTL_OPTS_GLOBAL | (cmd->table ? RCTL_OPTS_OUTPUT : 0);
}

/* Which commands take option opt, one bit each. */
static unsigned long takers(int opt)
{
	unsigned long set = 0;

	for (size_t i = 0; i < rctl_ncommands; i++)
		if (rctl_command_opts(rctl_commands[i]) & RCTL_OPT(opt))
			set |= 1UL << i;
	return set;
}

/* "Options of status and doctor:". */
static void print_section_title(FILE *out, unsigned long set)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < rctl_ncommands; i++)
		n += (set >> i) & 1;
	fputs("\nOptions of ", out);
	for (size_t i = 0; i < rctl_ncommands; i++) {
		if (!((set >> i) & 1))
			continue;
		k++;
		fprintf(out, "%s%s", rctl_commands[i]->name,
			k == n	     ? ":\n"
			: k == n - 1 ? " and "
				     : ", ");
	}
}

/* The options every command takes, then the others in table order, a
 * title wherever the commands taking them change. */
static void print_options(FILE *out)
{
	unsigned long prev = 0;

	fputs("\nOptions:\n", out);
	for (int i = 0; i < RCTL_OPT_COUNT; i++)
		if (RCTL_OPTS_GLOBAL & RCTL_OPT(i))
			cli_print_options(out, rctl_options + i, 1);
	for (int i = 0; i < RCTL_OPT_COUNT; i++) {
		unsigned long set = takers(i);

		if (RCTL_OPTS_GLOBAL & RCTL_OPT(i))
			continue;
		if (set != prev)
			print_section_title(out, set);
		cli_print_options(out, rctl_options + i, 1);
		prev = set;
	}
}

/* "Columns of doctor (-o):" and each column's help. */
static void print_columns(FILE *out)
{
	for (size_t i = 0; i < rctl_ncommands; i++) {
		const struct table_column_set *set = rctl_commands[i]->columns;

		if (!set)
			continue;
		fprintf(out, "\nColumns of %s (-o):\n", rctl_commands[i]->name);
		for (size_t c = 0; c < set->n; c++)
			cli_print_command(out, set->v[c].name, "", set->v[c].help);
	}
}

void rctl_usage(FILE *out)
{
	fputs("\nUsage:\n " RCTL_PROG " [options] <command> [<argument>...]\n", out);
	fputs("\nSay how x86-64 programs run through Rosetta here, and why not.\n", out);
	fputs("\nCommands:\n", out);
	for (size_t i = 0; i < rctl_ncommands; i++)
		cli_print_command(out, rctl_commands[i]->name, rctl_commands[i]->operands,
				  rctl_commands[i]->help);
	print_options(out);
	print_columns(out);
	fputs("\nExit status: 0 success, 1 a check failed, 2 usage error, 3 system error.\n", out);
	fputs("\nFor more details see " RCTL_PROG "(8).\n", out);
}
