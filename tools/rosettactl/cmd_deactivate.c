/* deactivate: undo activate: remove the Rosetta entry and enable again the
 * rivals activate recorded as disabled, each only while it is still there
 * and still disabled. Without a state file (the init registered the entry,
 * or nothing did), the entry the configuration names is removed and no
 * rival is touched. */
#include <errno.h>
#include <string.h>

#include "activation.h"
#include "binfmt/binfmtfs.h"
#include "command.h"
#include "here.h"
#include "lib/cli.h"

struct undo {
	struct rctl_ctx *c;
	const char *dir;
	int code;
};

static void tell_fate(void *arg, const char *name, enum rival_fate fate, int err)
{
	struct undo *u = arg;

	switch (fate) {
	case RIVAL_ENABLED:
		report_add(u->c->rep, CLI_EXIT_OK, "enabled %s/%s again", u->dir, name);
		break;
	case RIVAL_WAS_ENABLED:
		report_add(u->c->rep, CLI_EXIT_OK, "%s/%s is enabled already", u->dir, name);
		break;
	case RIVAL_GONE:
		report_add(u->c->rep, CLI_EXIT_OK, "%s/%s is no longer registered", u->dir, name);
		break;
	case RIVAL_FAILED:
		u->code = report_add(u->c->rep, CLI_EXIT_FAILED, "cannot enable %s/%s again: %s",
				     u->dir, name, strerror(err));
		break;
	}
}

/* Remove the entry named name. 1 when it was there, 0 when not, or an exit
 * status above 1 (negated) when it could not be removed. */
static int remove_entry(struct undo *u, const char *name)
{
	struct binfmt_status st;
	int r = binfmt_fs_read(u->dir, name, &st);

	if (r == -ENOENT)
		return 0;
	/* One read in part is still an entry to remove. */
	if (r == 0 || (r == -EINVAL && st.bad_lines))
		r = binfmt_fs_control(u->dir, name, "-1");
	if (r < 0) {
		u->code = report_add(u->c->rep, CLI_EXIT_FAILED, "cannot remove %s/%s: %s", u->dir,
				     name, strerror(-r));
		return -1;
	}
	report_add(u->c->rep, CLI_EXIT_OK, "removed %s/%s", u->dir, name);
	return 1;
}

static int undo(struct undo *u, const struct activation *a, const char *state)
{
	const char *name = a->entry[0] ? a->entry : u->c->target->cfg.binfmt_name;
	int removed = remove_entry(u, name), r;

	if (removed < 0)
		return u->code;
	rivals_enable(u->dir, &a->rivals, tell_fate, u);
	if (a->rivals.unnamed)
		report_add(u->c->rep, CLI_EXIT_OK,
			   "warning: %u more rivals were disabled than %s names: left disabled",
			   a->rivals.unnamed, state);
	/* Kept while a rival could not be enabled: a second run tries again. */
	r = u->code == CLI_EXIT_OK ? activation_forget(state) : 0;
	if (r < 0)
		u->code = report_add(u->c->rep, CLI_EXIT_SYSTEM, "cannot remove %s: %s", state,
				     strerror(-r));
	if (!removed && !a->rivals.n && u->code == CLI_EXIT_OK)
		report_add(u->c->rep, CLI_EXIT_OK, "not active: no entry %s/%s: nothing to undo",
			   u->dir, name);
	return u->code;
}

static int run_deactivate(struct rctl_ctx *c)
{
	const struct rctl_args *a = c->args;
	const char *state = a->value[RCTL_OPT_STATE] ? a->value[RCTL_OPT_STATE] : RCTL_STATE_FILE;
	struct undo u = { .c = c, .dir = c->target->binfmt_dir, .code = CLI_EXIT_OK };
	struct activation act;
	unsigned int bad;
	int r = activation_read(state, &act, &bad);

	/* Nothing is changed on a state that cannot be trusted. */
	if (r == -EINVAL)
		return report_add(c->rep, CLI_EXIT_FAILED,
				  "%s:%u: not a line of rosettactl's: nothing changed", state, bad);
	if (r < 0 && r != -ENOENT)
		return report_add(c->rep, CLI_EXIT_SYSTEM, "cannot read %s: %s: nothing changed",
				  state, strerror(-r));
	return undo(&u, &act, state);
}

const struct rctl_command rctl_cmd_deactivate = {
	.name = "deactivate",
	.operands = "",
	.help = "remove the Rosetta entry, enable again what\n"
		"activate disabled",
	.run = run_deactivate,
	.opts = RCTL_OPT(RCTL_OPT_STATE),
	.check = rctl_check_here,
};
