/* Supervised services: programs PID 1 starts after the switch, before the
 * entry, and restarts by policy. The supervisor loop drives them: it hands
 * over every child it reaps and wakes up when the next restart is due. */
#ifndef INIT_SERVICE_H
#define INIT_SERVICE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"

/* The delay between restarts doubles up to this; a run at least this long
 * counts as healthy and starts the backoff and the restart count afresh. */
#define SERVICE_BACKOFF_CAP_MS 60000u
/* Below this a crashing service would keep PID 1 busy. */
#define SERVICE_BACKOFF_MIN_MS 10u

struct service {
	char name[32];
	char buf[CONFIG_STR_MAX]; /* argv's words */
	char *argv[CONFIG_ARGV_MAX];
	enum restart_policy restart;
	unsigned int backoff_ms;   /* the first delay */
	unsigned int delay_ms;	   /* the next delay */
	unsigned int max_restarts; /* 0: no limit */
	unsigned int restarts;	   /* since the last healthy run */
	unsigned int starts;	   /* ever, so a watcher can tell a new run */
	void *filter;		   /* scmp_filter_ctx of the deny list, or NULL */
	pid_t pid;		   /* 0 when not running */
	uint64_t started_ms;
	uint64_t restart_at; /* boot_ms() of the next start; 0: none due */
};

struct services {
	struct service svc[CONFIG_SERVICES_MAX + 1]; /* + the built-in rosettad */
	unsigned int n;
	char *const *envp; /* the run environment (exec.h) */
	bool stopping;	   /* shutting down: nothing is restarted */
};

/* Add a service from the configuration: argv_line split like rosetta.entry,
 * its first word absolute; deny names resolved by libseccomp for this
 * machine's architecture (unknown names are warned about and skipped).
 * Returns a pointer to it, or NULL after logging why it was refused. */
struct service *services_add(struct services *ss, const struct service_config *sc);

/* Add a service whose argv is given as words (no splitting, no deny list). */
struct service *services_add_argv(struct services *ss, const char *name, const char *const argv[],
				  enum restart_policy restart, unsigned int backoff_ms,
				  unsigned int max_restarts);

/* Start every service that is not running. */
void services_start_all(struct services *ss);

/* A child was reaped: returns true when it was a service, after logging how
 * it ended and scheduling its restart by policy (or giving up). */
bool services_reaped(struct services *ss, pid_t pid, int status);

/* Milliseconds until the next restart is due, or -1 when none is. */
int services_timeout_ms(const struct services *ss);

/* Start the services whose restart is due. */
void services_tick(struct services *ss);

#endif
