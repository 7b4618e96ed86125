/* --dry-run: the commands a launch would run, one a line on stdout; see run.h. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "lib/cli.h"
#include "lib/error.h"
#include "report.h"
#include "run.h"

int launch_dry_run(const struct launch_config *cfg, struct launch_plan *plan)
{
	const char *base = launch_runtime_base(getenv("XDG_RUNTIME_DIR"));
	struct error_record err = { 0 };
	struct launch_argv a;
	char dir[PATH_MAX];
	size_t i;
	int r;

	snprintf(dir, sizeof(dir), "%s/%s", base, LAUNCH_RUNDIR_NAME);
	r = launch_plan_sockets(plan, dir, &err);
	if (r < 0) {
		launch_say("%s", err.msg[0].text);
		return CLI_EXIT_LAUNCHER;
	}
	for (i = 0; i <= plan->nservers && r == 0; i++) {
		bool ro = i < plan->nservers && plan->share[i].ro;

		launch_argv_init(&a);
		if (i < plan->nservers)
			r = launch_virtiofsd_argv(&a, plan->virtiofsd, &plan->share[i]);
		else
			r = launch_vm_argv(&a, cfg, plan);
		if (r == 0)
			r = launch_print_command(stdout, "", &a, ro);
		launch_argv_free(&a);
	}
	if (r == 0)
		r = cli_close_stdout();
	if (r == 0)
		return CLI_EXIT_OK;
	launch_say("cannot write the commands: %s", strerror(-r));
	return CLI_EXIT_LAUNCHER;
}
