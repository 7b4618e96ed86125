/* What a launch whose qemu ran comes to: its exit code and the one message that explains
 * it; see session.h. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/wait_status.h"
#include "lib/cli.h"
#include "process.h"
#include "report.h"
#include "session.h"

void launch_session_report_lost_share(const struct launch_session *s, int i)
{
	const struct launch_child *c = &s->kids.vfs[i];
	char how[64];

	wait_status_describe(c->status, how, sizeof(how));
	launch_say("virtiofsd for tag '%s' %s while the guest was running", s->plan->share[i].tag,
		   how);
	if (WIFEXITED(c->status) && WEXITSTATUS(c->status) != 0)
		launch_quote_log(&s->plan->share[i]);
}

static bool qemu_failed(const struct launch_session *s)
{
	char how[64];

	if (WIFEXITED(s->kids.qemu.status) && WEXITSTATUS(s->kids.qemu.status) == 0)
		return false;
	wait_status_describe(s->kids.qemu.status, how, sizeof(how));
	launch_say("%s %s", s->plan->vm, how);
	return true;
}

/* The first cause wins: a lost file server was reported when it stopped the guest. */
int launch_session_outcome(const struct launch_session *s)
{
	int i;

	if (s->failed || s->lost >= 0)
		return CLI_EXIT_LAUNCHER;
	if (s->signo) {
		launch_say("stopped by SIG%s", sigabbrev_np(s->signo));
		return 128 + s->signo;
	}
	if (s->relay.scan.status >= 0)
		return s->relay.scan.status;
	if (s->timed_out)
		return CLI_EXIT_TIMEOUT;
	/* it failed as qemu ended: the likelier cause of a guest that reported nothing */
	i = launch_children_failed_share(&s->kids);
	if (i >= 0) {
		launch_session_report_lost_share(s, i);
		return CLI_EXIT_LAUNCHER;
	}
	if (qemu_failed(s))
		return CLI_EXIT_LAUNCHER;
	/* an init of the root's own (systemd) reports no status: its clean power-off is one */
	if (s->cfg->expect_poweroff && s->relay.scan.power_down && !s->relay.scan.panic)
		return 0;
	launch_say("the guest ended without reporting an exit status%s",
		   s->relay.scan.panic ? " (kernel panic seen on the console)" : "");
	return CLI_EXIT_NO_STATUS;
}
