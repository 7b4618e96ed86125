/* The supervisor loop, in the manner of tini: every signal is blocked and
 * taken with sigwaitinfo, children are reaped until none is left, and the
 * termination signals are passed on to the entry's process group. */
#include "supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"

static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH };

void supervise_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(set, forwarded[i]);
}

static char *const entry_env[] = {
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"HOME=/",
	"TERM=linux",
	NULL,
};

/* In the child: a new session that owns the console, then the entry. */
static void __attribute__((noreturn)) exec_entry(const struct boot_ctx *ctx)
{
	sigset_t none;
	int fd;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid();
	fd = open("/dev/console", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		ioctl(fd, TIOCSCTTY, 0);
		for (int i = 0; i < 3; i++)
			dup2(fd, i);
	}
	if (chdir("/") == 0)
		execve(ctx->entry_argv[0], ctx->entry_argv, entry_env);
	dprintf(STDERR_FILENO, "rosetta-init: cannot run %s: %s\n", ctx->entry_argv[0],
		strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int status_code(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* Reap every exited child; returns 1 once the entry is among them. */
static int reap(pid_t entry, int *code)
{
	int status, done = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		if (pid == entry) {
			*code = status_code(status);
			done = 1;
		}
	return done;
}

int supervise_entry(const struct boot_ctx *ctx)
{
	sigset_t set;
	int code = 0;
	pid_t pid;

	supervise_signals(&set);
	pid = fork();
	if (pid < 0) {
		log_error("run: cannot start %s: %s", ctx->entry_argv[0], strerror(errno));
		return 126;
	}
	if (pid == 0)
		exec_entry(ctx);
	log_info("run: started %s (pid %d)", ctx->entry_argv[0], (int)pid);
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&set, &si);

		if (sig == SIGCHLD) {
			if (reap(pid, &code))
				return code;
		} else if (sig > 0) {
			kill(-pid, sig);
		}
	}
}
