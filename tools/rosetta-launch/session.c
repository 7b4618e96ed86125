/* A launch from start to end: open the relay and the signalfd, start the children, run
 * the event loop, tear everything down, and say how it ended; see run.h. */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/cli.h"
#include "process.h"
#include "report.h"
#include "rundir.h"
#include "run.h"
#include "session.h"

static void stop_all(struct launch_session *s)
{
	launch_children_stop(&s->kids, s->sigfd, QEMU_GRACE_MS, VFS_GRACE_MS);
	/* a killed qemu could not restore the terminal it made raw */
	if (s->kids.qemu.pid > 0 && WIFSIGNALED(s->kids.qemu.status))
		launch_tty_restore(&s->tty, STDIN_FILENO);
	launch_relay_close(&s->relay);
	if (s->sigfd >= 0)
		close(s->sigfd);
}

static void remove_rundir(const struct launch_session *s)
{
	int r;

	if (s->rundir[0] && (r = launch_rundir_remove(s->rundir)) < 0)
		launch_say("cannot remove %s: %s", s->rundir, strerror(-r));
}

int launch_run(const struct launch_config *cfg, struct launch_plan *plan)
{
	struct launch_session s = { .cfg = cfg, .plan = plan, .sigfd = -1, .lost = -1 };
	int code;

	s.expire_at = s.end_at = -1;
	s.kill_at = -1;
	s.tty.flags = -1;
	launch_children_init(&s.kids, plan->nservers);
	code = launch_relay_open(&s.relay, -1, STDOUT_FILENO);
	if (code < 0) {
		launch_say("cannot use the standard output: %s", strerror(-code));
		return CLI_EXIT_LAUNCHER;
	}
	code = launch_signals_open(&s.sigfd);
	if (code < 0) {
		launch_say("cannot set up signal handling: %s", strerror(-code));
		code = CLI_EXIT_LAUNCHER;
	} else {
		code = launch_session_start(&s);
	}
	if (code == 0) {
		launch_session_loop(&s);
		launch_session_drain(&s);
	}
	stop_all(&s);
	if (cfg->verbose && s.relay.entry_output_ms)
		launch_say("the entry's first line came %llu ms after the launch started",
			   (unsigned long long)(s.relay.entry_output_ms - cfg->started_ms));
	if (code == 0)
		code = launch_session_outcome(&s);
	else if (s.signo && code == 128 + s.signo)
		launch_say("stopped by SIG%s", sigabbrev_np(s.signo));
	remove_rundir(&s);
	return code;
}
