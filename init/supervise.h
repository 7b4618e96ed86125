/* Supervise mode of rosetta-init: run the services and the entry, reap every
 * process, take signals, and say when to shut down and how. */
#ifndef INIT_SUPERVISE_H
#define INIT_SUPERVISE_H

#include <signal.h>
#include <stdbool.h>

#include "context.h"
#include "exec.h"
#include "service.h"
#include "service_cache.h"

struct supervisor {
	/* Set by the caller. */
	const struct boot_ctx *ctx;
	const char *console;	  /* the entry's terminal; NULL keeps stdio (tests) */
	const char *rosettad_dir; /* where rosettad's socket is linked: /run/rosettad */
	/* State. */
	pid_t entry; /* also its session and its process group */
	bool entry_done;
	int entry_status;      /* its wait status, once done */
	unsigned long orphans; /* reaped processes that were neither entry nor service */
	struct run_env env;
	struct services services;
	struct cache cache;
};

/* The signals PID 1 takes synchronously (blocked, then waited for). */
void supervise_signals(sigset_t *set);

/* What a signal to PID 1 asks for: RB_AUTOBOOT, RB_HALT_SYSTEM or
 * RB_POWER_OFF, or 0 when it is to be forwarded to the entry. entry_sid is
 * the entry's session. See SIGNALS in docs/rosetta-init.8. */
int supervise_power_request(const siginfo_t *si, pid_t entry_sid);

/* Start the services and the entry (a session leader on sv->console, in
 * rosetta.workdir, as rosetta.user, with the run environment; a directory
 * it cannot enter or an id refused is logged as stage run's failure), reap
 * every child, forward signals, restart services. Returns the RB_* action to
 * shut down with: RB_POWER_OFF when the entry ended (its status line
 * printed), or the action a signal asked for. Services are not restarted
 * afterwards. */
int supervise(struct supervisor *sv);

/* Account for a child reaped outside the loop (the shutdown's reaping):
 * prints the entry's status line when it is the entry. arg is the
 * supervisor, as shutdown_opts.reaped wants. */
void supervise_reaped(void *arg, pid_t pid, int status);

#endif
