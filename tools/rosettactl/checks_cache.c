/* The AOT cache, where rosetta.cache asks for one or rosettad is on the
 * share: the daemon running, its socket there and open to every user. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "check.h"

static enum rctl_verdict check_rosettad(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_cache c;

	rctl_cache_read(t, &c);
	if (!rctl_cache_relevant(&c))
		return rctl_found(f, RCTL_SKIPPED, NULL,
				  "no rosetta.cache and no rosettad on the share");
	if (c.npids)
		return rctl_found(f, RCTL_OK, NULL, "rosettad runs (pid %d)", (int)c.pids[0]);
	if (c.scan_err < 0)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot list %s: %s", t->proc,
				  strerror(-c.scan_err));
	if (!c.configured)
		return rctl_found(
		    f, RCTL_WARNING, "set rosetta.cache=DIR to keep translations across runs",
		    "rosettad is on the share but no cache is configured: x86-64 code is "
		    "translated anew at every run");
	return rctl_found(f, RCTL_FAILED,
			  "look for rosettad's exits in the console log; the init runs '<mount>/"
			  "rosettad daemon <cache>' and restarts it",
			  "rosetta.cache=%s, but no rosettad runs", t->cfg.cache);
}

const struct rctl_check rctl_check_rosettad = {
	.name = "rosettad",
	.what =
	    "the AOT cache daemon runs, where a cache is configured or rosettad is on the share",
	.run = check_rosettad,
};

static enum rctl_verdict check_socket(const struct rctl_target *t, struct rctl_finding *f)
{
	enum rctl_verdict missing;
	struct rctl_cache c;

	rctl_cache_read(t, &c);
	if (!rctl_cache_relevant(&c))
		return rctl_found(f, RCTL_SKIPPED, NULL,
				  "no rosetta.cache and no rosettad on the share");
	missing = c.configured ? RCTL_FAILED : RCTL_WARNING;
	if (c.socket_err < 0)
		return rctl_found(f, missing,
				  "set rosetta.cache=DIR: the init links the socket there",
				  "%s: %s", c.socket, strerror(-c.socket_err));
	if (!S_ISSOCK(c.socket_mode))
		return rctl_found(f, missing, "remove it: the init links rosettad's socket there",
				  "%s is not a socket", c.socket);
	if (!rctl_cache_socket_open(&c))
		return rctl_found(
		    f, missing, "let every user write to it: chmod 0666 the socket",
		    "%s has mode %04o: users other than its owner cannot use the cache", c.socket,
		    (unsigned int)(c.socket_mode & 07777));
	return rctl_found(f, RCTL_OK, NULL, "%s is a socket every user can write to", c.socket);
}

const struct rctl_check rctl_check_cache_socket = {
	.name = "cache-socket",
	.what = "rosettad's socket is where the host looks and every user can write to it",
	.run = check_socket,
};
