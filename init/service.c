/* Services, in the manner of s6-supervise but driven from PID 1's own loop:
 * each runs in its own session (so its own process group, and no terminal
 * to be hung up by), stdin on /dev/null, stdout and stderr on PID 1's (the
 * console), in /, under an optional seccomp deny list. A service that ends
 * is restarted by its policy after a delay that doubles, up to a limit. */
#include "service.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/seccomp_deny.h"
#include "lib/signals.h"
#include "lib/wait_status.h"
#include "log.h"
#include "lib/array_size.h"

/* A name libseccomp does not know is a typo worth a warning; a known one
 * that this architecture lacks cannot be called, so there is nothing to deny. */
static void warn_unknown(void *arg, const char *name)
{
	log_warn("service %s: unknown system call '%s' in its deny list, skipped",
		 (const char *)arg, name);
}

/* Built once in PID 1 and loaded by each child between fork and exec, so a
 * restart costs no libseccomp work. *out stays NULL when nothing is denied. */
static int build_filter(const char *service, const char *deny, void **out)
{
	char list[CONFIG_STR_MAX], *save = NULL;
	const char *names[CONFIG_STR_MAX / 2 + 1];
	size_t n = 0;
	scmp_filter_ctx ctx;
	int r;

	*out = NULL;
	snprintf(list, sizeof(list), "%s", deny);
	for (char *name = strtok_r(list, ", ", &save); name; name = strtok_r(NULL, ", ", &save))
		names[n++] = name;
	names[n] = NULL;
	if (n == 0)
		return 0;
	r = seccomp_deny_build(names, SCMP_ACT_KILL_PROCESS, warn_unknown, (void *)service, &ctx);
	if (r <= 0) {
		if (ctx)
			seccomp_release(ctx);
		return r;
	}
	*out = ctx;
	return 0;
}

static struct service *new_service(struct services *ss, const char *name)
{
	struct service *s;

	if (ss->n >= ARRAY_SIZE(ss->svc)) {
		log_error("service %s: too many services, not started", name);
		return NULL;
	}
	s = &ss->svc[ss->n];
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	return s;
}

static void set_policy(struct service *s, enum restart_policy restart, unsigned int backoff_ms,
		       unsigned int max_restarts)
{
	s->restart = restart;
	s->backoff_ms = backoff_ms < SERVICE_BACKOFF_MIN_MS ? SERVICE_BACKOFF_MIN_MS : backoff_ms;
	if (s->backoff_ms > SERVICE_BACKOFF_CAP_MS)
		s->backoff_ms = SERVICE_BACKOFF_CAP_MS;
	s->delay_ms = s->backoff_ms;
	s->max_restarts = max_restarts;
}

struct service *services_add(struct services *ss, const struct service_config *sc)
{
	struct service *s = new_service(ss, sc->name[0] ? sc->name : "unnamed");
	int argc, r;

	if (!s)
		return NULL;
	argc = config_split_entry(sc->argv_line, s->buf, sizeof(s->buf), s->argv, CONFIG_ARGV_MAX);
	if (argc <= 0 || s->argv[0][0] != '/') {
		log_error("service %s: '%s' is not an absolute program path and its arguments, "
			  "not started",
			  s->name, sc->argv_line);
		return NULL;
	}
	r = build_filter(s->name, sc->deny, &s->filter);
	if (r < 0) {
		log_error("service %s: building its seccomp filter (%s): %s, not started", s->name,
			  sc->deny, strerror(-r));
		return NULL;
	}
	set_policy(s, sc->restart, sc->backoff_ms, sc->max_restarts);
	ss->n++;
	return s;
}

struct service *services_add_argv(struct services *ss, const char *name, const char *const argv[],
				  enum restart_policy restart, unsigned int backoff_ms,
				  unsigned int max_restarts)
{
	struct service *s = new_service(ss, name);
	size_t used = 0;
	int i;

	if (!s)
		return NULL;
	for (i = 0; i < CONFIG_ARGV_MAX - 1 && argv[i]; i++) {
		size_t len = strlen(argv[i]) + 1;

		if (used + len > sizeof(s->buf)) {
			log_error("service %s: command line too long, not started", name);
			return NULL;
		}
		s->argv[i] = memcpy(s->buf + used, argv[i], len);
		used += len;
	}
	s->argv[i] = NULL;
	set_policy(s, restart, backoff_ms, max_restarts);
	ss->n++;
	return s;
}

static void __attribute__((noreturn)) service_child(const struct service *s, char *const envp[])
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC), err;

	signals_reset();
	setsid();
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	if (chdir("/") < 0)
		_exit(126);
	/* Loading sets no_new_privs first (libseccomp's default), as an
	 * unprivileged filter must. */
	if (s->filter && seccomp_load(s->filter) < 0) {
		dprintf(STDERR_FILENO, "rosetta-init: service %s: cannot load its seccomp filter\n",
			s->name);
		_exit(126);
	}
	execve(s->argv[0], s->argv, envp);
	err = errno;
	dprintf(STDERR_FILENO, "rosetta-init: service %s: cannot run %s: %s\n", s->name, s->argv[0],
		strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

static void ended(struct services *ss, struct service *s, int status);

static void start(struct services *ss, struct service *s)
{
	pid_t pid;

	s->restart_at = 0;
	s->started_ms = boot_ms();
	pid = fork();
	if (pid < 0) {
		int status = 126 << 8; /* as if it could not be executed */

		log_error("service %s: fork: %s", s->name, strerror(errno));
		ended(ss, s, status);
		return;
	}
	if (pid == 0)
		service_child(s, ss->envp);
	s->pid = pid;
	s->starts++;
	log_info("service %s: started %s (pid %d)", s->name, s->argv[0], (int)pid);
}

void services_start_all(struct services *ss)
{
	for (unsigned int i = 0; i < ss->n; i++)
		if (ss->svc[i].pid == 0 && !ss->stopping)
			start(ss, &ss->svc[i]);
}

static bool wants_restart(const struct service *s, int status)
{
	bool failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;

	return s->restart == RESTART_ALWAYS || (s->restart == RESTART_ON_FAILURE && failed);
}

static void schedule(struct service *s, const char *how)
{
	char limit[32] = "";

	if (s->max_restarts && s->restarts >= s->max_restarts) {
		log_warn("service %s: %s; gave up after %u restarts", s->name, how, s->restarts);
		return;
	}
	s->restarts++;
	s->restart_at = boot_ms() + s->delay_ms;
	if (s->max_restarts)
		snprintf(limit, sizeof(limit), " of %u", s->max_restarts);
	log_warn("service %s: %s; restarting in %u ms (restart %u%s)", s->name, how, s->delay_ms,
		 s->restarts, limit);
	s->delay_ms =
	    s->delay_ms > SERVICE_BACKOFF_CAP_MS / 2 ? SERVICE_BACKOFF_CAP_MS : s->delay_ms * 2;
}

static void ended(struct services *ss, struct service *s, int status)
{
	char how[96];

	wait_status_describe(status, how, sizeof(how));
	s->pid = 0;
	if (boot_ms() - s->started_ms >= SERVICE_BACKOFF_CAP_MS) {
		s->delay_ms = s->backoff_ms;
		s->restarts = 0;
	}
	if (ss->stopping)
		log_info("service %s: %s (stopping)", s->name, how);
	else if (!wants_restart(s, status))
		log_info("service %s: %s; not restarted (restart=%s)", s->name, how,
			 config_restart_names[s->restart]);
	else
		schedule(s, how);
}

bool services_reaped(struct services *ss, pid_t pid, int status)
{
	for (unsigned int i = 0; i < ss->n; i++)
		if (ss->svc[i].pid == pid) {
			ended(ss, &ss->svc[i], status);
			return true;
		}
	return false;
}

int services_timeout_ms(const struct services *ss)
{
	uint64_t now = boot_ms();
	int best = -1;

	for (unsigned int i = 0; i < ss->n; i++) {
		uint64_t at = ss->svc[i].restart_at;
		int ms;

		if (!at || ss->stopping)
			continue;
		ms = at <= now ? 0 : (int)(at - now);
		if (best < 0 || ms < best)
			best = ms;
	}
	return best;
}

void services_tick(struct services *ss)
{
	uint64_t now = boot_ms();

	for (unsigned int i = 0; i < ss->n && !ss->stopping; i++) {
		struct service *s = &ss->svc[i];

		if (s->restart_at && s->restart_at <= now && s->pid == 0)
			start(ss, s);
	}
}
