/* Usage checks of the commands that act here; see here.h. */
#include "here.h"

#include "command.h"
#include "lib/array_size.h"

static const enum rctl_option path_options[] = { RCTL_OPT_PROGRAM, RCTL_OPT_TRANSLATOR,
						 RCTL_OPT_STATE };

int rctl_check_here(const struct rctl_args *a, struct rctl_usage *err)
{
	if (a->seen & RCTL_OPT(RCTL_OPT_ROOT))
		return rctl_usage_error(
		    err, "--root does not apply to '%s': it acts on this system", a->cmd->name);
	for (size_t i = 0; i < ARRAY_SIZE(path_options); i++) {
		const char *v = a->value[path_options[i]];

		if (v && !*v)
			return rctl_usage_error(err, "--%s needs a path",
						rctl_options[path_options[i]].name);
	}
	return 0;
}
