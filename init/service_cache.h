/* rosetta.cache: Rosetta's AOT cache daemon as a built-in service. */
#ifndef INIT_SERVICE_CACHE_H
#define INIT_SERVICE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "service.h"

/* Where the socket is: rosettad makes CACHE_SOCKET in the cache directory;
 * it is linked as CACHE_LINK_DIR/CACHE_SOCKET_NAME, where the host looks. */
#define CACHE_SOCKET_NAME "rosetta.sock"
#define CACHE_SOCKET	  "uds/" CACHE_SOCKET_NAME
#define CACHE_LINK_DIR	  "/run/rosettad"
/* The daemon, on the share. */
#define CACHE_DAEMON "rosettad"

/* How long the daemon has to make its socket after each start. */
#define CACHE_SOCKET_WAIT_MS 10000u

struct cache {
	struct service *svc;		  /* rosettad, NULL when not running the cache */
	char socket[CONFIG_STR_MAX + 32]; /* <cache>/uds/rosetta.sock */
	char link[CONFIG_STR_MAX + 32];	  /* <link_dir>/rosetta.sock */
	const char *link_dir;		  /* /run/rosettad, where the host looks */
	unsigned int exposed_start;	  /* svc->starts when the socket was last exposed */
};

/* With cfg->cache set: create the cache directory and add the service
 * `<mount>/rosettad daemon <cache>` (run from the share, never copied) to
 * ss. Without rosettad on the share, warn and leave c->svc NULL. */
void cache_add_service(struct cache *c, struct services *ss, const struct config *cfg,
		       const char *link_dir);

/* Right after the services started: wait up to CACHE_SOCKET_WAIT_MS for the
 * socket (less if rosettad dies), then expose it. */
void cache_wait_socket(struct cache *c);

/* Call with every reaped pid before services_reaped: a socket whose daemon
 * ended is removed, so the one found after a restart is the new one. */
void cache_reaped(struct cache *c, pid_t pid);

/* After a restart of rosettad: expose the new socket once it exists.
 * Returns the milliseconds after which to look again, or -1 for never. */
int cache_poll(struct cache *c);

#endif
