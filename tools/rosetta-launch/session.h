/*
 * One launch as it runs: its children, the console relay, the signals that arrive and the
 * deadlines that fall, shared by the files that start it (startup.c), drive it
 * (event_loop.c), and read its outcome (outcome.c). Not for use outside launch_run.
 */
#ifndef ROSETTA_LAUNCH_SESSION_H
#define ROSETTA_LAUNCH_SESSION_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "children.h"
#include "options.h"
#include "plan.h"
#include "relay.h"
#include "tty.h"

/* qemu's time to end after SIGTERM, then each virtiofsd's, before SIGKILL. */
#define QEMU_GRACE_MS 5000
#define VFS_GRACE_MS  2000
/* A virtiofsd that exits 0 ends normally when qemu follows it within this. */
#define VFS_QUIET_MS 2000

struct launch_session {
	const struct launch_config *cfg;
	struct launch_plan *plan;
	char rundir[PATH_MAX]; /* empty until created */
	int sigfd;
	struct launch_children kids;
	struct launch_relay relay; /* qemu's console to our stdout; in is -1 until qemu runs */
	int64_t expire_at;	   /* --timeout deadline, -1 for none or once past */
	int64_t end_at;		   /* the same, kept: it bounds the output's drain too */
	int64_t kill_at;	   /* when SIGTERM to qemu turns into SIGKILL, -1 for none */
	bool timed_out;
	bool failed;
	int lost;	       /* the virtiofsd whose loss stopped the guest, -1 for none */
	int signo;	       /* the signal that asked us to stop, 0 for none */
	struct launch_tty tty; /* stdin as it was before qemu started */
};

/* startup.c: the run directory, the virtiofsds, their sockets, qemu. 0 once qemu runs;
 * otherwise the exit code of the failure, reported. */
int launch_session_start(struct launch_session *s);

/* event_loop.c: wait for signals (and reap children) up to timeout_ms. */
void launch_session_wait_events(struct launch_session *s, int timeout_ms);

/* event_loop.c: relay the console and watch children, signals and deadlines until qemu
 * ends; then let the reader take what is left. */
void launch_session_loop(struct launch_session *s);
void launch_session_drain(struct launch_session *s);

/* outcome.c: a virtiofsd lost while the guest ran, as one message (and its log). */
void launch_session_report_lost_share(const struct launch_session *s, int i);

/* outcome.c: the exit code of a launch whose qemu ran, with its message. */
int launch_session_outcome(const struct launch_session *s);

#endif
