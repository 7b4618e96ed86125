/* rosetta.cache=DIR: run `rosettad daemon DIR` from the share (never a copy:
 * Rosetta checks its host through its own files there) as a service, and
 * put its socket where the host's Virtualization.framework looks for it,
 * /run/rosettad/rosetta.sock, usable by every user as Lima does. rosettad
 * makes a new socket each time it starts, so each start is exposed anew. */
#include "service_cache.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/fs.h"
#include "log.h"

#define POLL_MS 20

static bool is_socket(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

void cache_add_service(struct cache *c, struct services *ss, const struct config *cfg,
		       const char *link_dir)
{
	char prog[CONFIG_STR_MAX + 16];
	struct stat st;
	int r;

	memset(c, 0, sizeof(*c));
	c->link_dir = link_dir;
	if (!cfg->cache[0])
		return;
	snprintf(prog, sizeof(prog), "%s/" CACHE_DAEMON, cfg->mount);
	if (stat(prog, &st) < 0 || !S_ISREG(st.st_mode)) {
		log_warn(
		    "rosetta.cache: no rosettad on the share, continuing without the AOT cache");
		return;
	}
	r = make_dirs(cfg->cache, 0755);
	if (r < 0) {
		log_warn("rosetta.cache: creating %s: %s, continuing without the AOT cache",
			 cfg->cache, strerror(-r));
		return;
	}
	snprintf(c->socket, sizeof(c->socket), "%s/" CACHE_SOCKET, cfg->cache);
	snprintf(c->link, sizeof(c->link), "%s/" CACHE_SOCKET_NAME, link_dir);
	/* A socket left by an earlier boot would be mistaken for the new one. */
	unlink(c->socket);
	c->svc = services_add_argv(ss, "rosettad",
				   (const char *const[]){ prog, "daemon", cfg->cache, NULL },
				   RESTART_ALWAYS, 1000, 0);
}

static void expose(struct cache *c)
{
	int r;

	c->exposed_start = c->svc->starts;
	/* The translator connects with the credentials of whoever runs an
	 * x86-64 program, so everybody must be able to write to it. */
	if (chmod(c->socket, 0666) < 0) {
		log_warn("cache: chmod 0666 %s: %s", c->socket, strerror(errno));
		return;
	}
	r = make_dirs(c->link_dir, 0755);
	if (r < 0) {
		log_warn("cache: creating %s: %s", c->link_dir, strerror(-r));
		return;
	}
	if ((unlink(c->link) < 0 && errno != ENOENT) || symlink(c->socket, c->link) < 0) {
		log_warn("cache: linking %s to %s: %s", c->link, c->socket, strerror(errno));
		return;
	}
	log_info("cache: rosettad's socket %s is linked at %s", c->socket, c->link);
}

/* Without reaping it: the supervisor loop reaps, and wants the status. */
static bool has_ended(pid_t pid)
{
	siginfo_t si = { 0 };

	return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 || si.si_pid == pid;
}

void cache_wait_socket(struct cache *c)
{
	uint64_t deadline = boot_ms() + CACHE_SOCKET_WAIT_MS;

	if (!c->svc || c->svc->pid <= 0)
		return;
	c->exposed_start = c->svc->starts;
	while (!is_socket(c->socket)) {
		if (has_ended(c->svc->pid)) {
			log_warn("cache: rosettad ended before making %s", c->socket);
			return;
		}
		if (boot_ms() >= deadline) {
			log_warn("cache: rosettad made no %s in %u ms; going on without it",
				 c->socket, CACHE_SOCKET_WAIT_MS);
			return;
		}
		sleep_ms(POLL_MS);
	}
	expose(c);
}

void cache_reaped(struct cache *c, pid_t pid)
{
	if (c->svc && pid == c->svc->pid)
		unlink(c->socket);
}

int cache_poll(struct cache *c)
{
	const struct service *s = c->svc;

	if (!s || s->pid <= 0 || s->starts == c->exposed_start)
		return -1;
	if (is_socket(c->socket)) {
		expose(c);
		return -1;
	}
	if (boot_ms() - s->started_ms >= CACHE_SOCKET_WAIT_MS) {
		c->exposed_start = s->starts;
		log_warn("cache: restarted rosettad made no %s in %u ms", c->socket,
			 CACHE_SOCKET_WAIT_MS);
		return -1;
	}
	return 100;
}
