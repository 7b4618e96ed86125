/* Rosetta's AOT cache as rosetta.cache sets it up: is rosettad running
 * (a process of that name under PROC), is its socket where the host looks
 * (/run/rosettad/rosetta.sock, made by the init's cache service) and can
 * everyone write to it, as every user's x86-64 programs connect to it. */
#ifndef ROSETTACTL_CACHE_H
#define ROSETTACTL_CACHE_H

#include <stdbool.h>
#include <sys/types.h>

#include "target.h"

#define RCTL_PIDS_MAX 8

struct rctl_cache {
	bool configured;     /* rosetta.cache names a directory */
	bool daemon_present; /* rosettad is on the share */
	pid_t pids[RCTL_PIDS_MAX];
	size_t npids;
	int scan_err;	       /* listing PROC */
	char socket[PATH_MAX]; /* as the system names it */
	int socket_err;	       /* stat's: -ENOENT none */
	mode_t socket_mode;
};

/* Never fails: what could not be read is in the _err fields. */
void rctl_cache_read(const struct rctl_target *t, struct rctl_cache *c);

/* Does the cache matter here (configured, or rosettad on the share)? */
bool rctl_cache_relevant(const struct rctl_cache *c);

/* Is the socket a socket that everyone can write to? */
bool rctl_cache_socket_open(const struct rctl_cache *c);

#endif
