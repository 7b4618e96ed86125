/* The supervisor loop, in the manner of tini: every signal PID 1 cares about
 * is blocked and taken with sigtimedwait, children are reaped until none is
 * left, and who sent a signal decides whether it asks for a power action or
 * is passed on to the entry's process group. Service restarts are timers of
 * the same wait, so the loop never sleeps. */
#include "supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "console.h"
#include "entry_setup.h"
#include "lib/contract.h"
#include "lib/wait_status.h"
#include "log.h"
#include "shutdown.h"
#include "lib/array_size.h"

static const struct {
	int sig;
	const char *name;
} taken[] = {
	{ SIGTERM, "SIGTERM" }, { SIGINT, "SIGINT" },	{ SIGHUP, "SIGHUP" },
	{ SIGUSR1, "SIGUSR1" }, { SIGUSR2, "SIGUSR2" }, { SIGWINCH, "SIGWINCH" },
};

void supervise_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < ARRAY_SIZE(taken); i++)
		sigaddset(set, taken[i].sig);
}

static const char *signal_name(int sig)
{
	for (size_t i = 0; i < ARRAY_SIZE(taken); i++)
		if (taken[i].sig == sig)
			return taken[i].name;
	return "a signal";
}

/* Sent by a process of the workload, the entry's session? Outside the
 * guest's own PID namespace the sender has no pid here (si_pid 0): a
 * container runtime or the host. A sender that is already gone counts as
 * the workload's: busybox's halt, poweroff and reboot exit right after
 * kill(1, sig), and may be reaped by their shell before PID 1 looks. */
static bool from_workload(const siginfo_t *si, pid_t entry_sid)
{
	pid_t sid;

	if (si->si_code > 0 || si->si_pid <= 0)
		return false;
	sid = getsid(si->si_pid);
	if (sid < 0)
		return errno == ESRCH;
	return sid == entry_sid;
}

int supervise_power_request(const siginfo_t *si, pid_t entry_sid)
{
	/* ctrl-alt-del: the kernel signals PID 1 itself after RB_DISABLE_CAD. */
	if (si->si_signo == SIGINT && si->si_code == SI_KERNEL)
		return RB_AUTOBOOT;
	if (!from_workload(si, entry_sid))
		return 0;
	/* What busybox's halt, poweroff and reboot send to init. */
	switch (si->si_signo) {
	case SIGUSR1:
		return RB_HALT_SYSTEM;
	case SIGUSR2:
		return RB_POWER_OFF;
	case SIGTERM:
		return RB_AUTOBOOT;
	default:
		return 0;
	}
}

/* In the child: a new session that owns the console, the working directory
 * and the user, then the entry. A step that fails is told on report_fd. */
static void __attribute__((noreturn)) exec_entry(const struct supervisor *sv, int report_fd)
{
	char *const *argv = sv->ctx->entry_argv;
	enum entry_step step;
	int err;

	console_session(sv->console);
	err = entry_setup(&sv->ctx->cfg, &step);
	if (err < 0) {
		struct entry_setup_report rep = { .step = (int)step, .err = -err };

		/* Unreported, the status 126 still says the entry did not run. */
		if (write(report_fd, &rep, sizeof(rep)) != (ssize_t)sizeof(rep))
			dprintf(STDERR_FILENO, "rosetta-init: cannot set up %s: %s\n", argv[0],
				strerror(rep.err));
		_exit(126);
	}
	execve(argv[0], argv, sv->env.envp);
	err = errno;
	dprintf(STDERR_FILENO, "rosetta-init: cannot run %s: %s\n", argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* As a shell reports it: the exit code, or 128 + the signal number. */
static int status_code(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void entry_ended(struct supervisor *sv, int status)
{
	char how[96];

	sv->entry_done = true;
	sv->entry_status = status;
	wait_status_describe(status, how, sizeof(how));
	log_info("run: %s %s", sv->ctx->entry_argv[0], how);
	/* One parseable line on the console for the launcher (rosetta-launch). */
	dprintf(STDERR_FILENO, CONSOLE_STATUS_PREFIX "%d\n", status_code(status));
}

void supervise_reaped(void *arg, pid_t pid, int status)
{
	struct supervisor *sv = arg;

	if (pid == sv->entry && !sv->entry_done) {
		entry_ended(sv, status);
		return;
	}
	cache_reaped(&sv->cache, pid);
	if (!services_reaped(&sv->services, pid, status))
		sv->orphans++;
}

/* Every exited child, orphans included: one SIGCHLD may stand for many. */
static void reap_children(struct supervisor *sv)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		supervise_reaped(sv, pid, status);
}

static int take_signal(struct supervisor *sv, const siginfo_t *si)
{
	int how;

	if (si->si_signo == SIGCHLD) {
		reap_children(sv);
		return sv->entry_done ? RB_POWER_OFF : 0;
	}
	how = supervise_power_request(si, sv->entry);
	if (how) {
		log_info("run: %s requested by %s from pid %d", shutdown_action_name(how),
			 signal_name(si->si_signo), (int)si->si_pid);
		return how;
	}
	if (!sv->entry_done)
		kill(-sv->entry, si->si_signo);
	return 0;
}

static void start_services(struct supervisor *sv)
{
	const struct config *cfg = &sv->ctx->cfg;

	sv->services.envp = sv->env.envp;
	/* First, so that services running x86-64 programs find the cache. */
	cache_add_service(&sv->cache, &sv->services, cfg, sv->rosettad_dir);
	for (unsigned int i = 0; i < cfg->nservices && i < CONFIG_SERVICES_MAX; i++)
		services_add(&sv->services, &cfg->services[i]);
	services_start_all(&sv->services);
	cache_wait_socket(&sv->cache);
}

/* What the child said before execve, if anything: a failed step is the run
 * stage's failure, reported as a stage's (true). The child then exits 126. */
static bool setup_failed(const struct supervisor *sv, int fd)
{
	struct entry_setup_report rep;
	struct failure f = { .stage = "run" };
	ssize_t n;

	do
		n = read(fd, &rep, sizeof(rep));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(rep))
		return false;
	entry_setup_fail(&sv->ctx->cfg, (enum entry_step)rep.step, rep.err, &f);
	failure_log(&f);
	return true;
}

static int not_started(struct supervisor *sv, int err)
{
	log_error("run: cannot start %s: %s", sv->ctx->entry_argv[0], strerror(err));
	entry_ended(sv, 126 << 8);
	return -err;
}

static int start_entry(struct supervisor *sv)
{
	int report[2];
	pid_t pid;

	if (pipe2(report, O_CLOEXEC) < 0)
		return not_started(sv, errno);
	pid = fork();
	if (pid < 0) {
		int err = errno;

		close(report[0]);
		close(report[1]);
		return not_started(sv, err);
	}
	if (pid == 0)
		exec_entry(sv, report[1]);
	close(report[1]);
	sv->entry = pid;
	if (!setup_failed(sv, report[0]))
		log_info(CONSOLE_ENTRY_STARTED "%s (pid %d)", sv->ctx->entry_argv[0], (int)pid);
	close(report[0]);
	return 0;
}

static int next_timeout_ms(struct supervisor *sv)
{
	int restart = services_timeout_ms(&sv->services), cache = cache_poll(&sv->cache);

	if (restart < 0 || (cache >= 0 && cache < restart))
		return cache;
	return restart;
}

/* One wait: a signal, or the next timer. Returns an RB_* action or 0. */
static int wait_once(struct supervisor *sv, const sigset_t *set)
{
	int ms = next_timeout_ms(sv), sig;
	siginfo_t si;

	if (ms < 0) {
		sig = sigwaitinfo(set, &si);
	} else {
		struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

		sig = sigtimedwait(set, &si, &ts);
	}
	return sig > 0 ? take_signal(sv, &si) : 0;
}

int supervise(struct supervisor *sv)
{
	sigset_t set;
	int how = 0;

	supervise_signals(&set);
	run_env_build(&sv->ctx->cfg, &sv->env);
	start_services(sv);
	if (start_entry(sv) < 0)
		how = RB_POWER_OFF;
	while (!how) {
		how = wait_once(sv, &set);
		if (!how)
			services_tick(&sv->services);
	}
	sv->services.stopping = true;
	return how;
}
