/* The sandbox runner. The filter is built in the parent, so the child only
 * loads it between fork and exec; a CLOEXEC pipe carries the errno of a
 * failed exec back, as posix_spawn implementations do. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *const sandbox_denied_syscalls[] = {
	"mount",       "umount2",      "pivot_root",	"move_mount", "fsopen",
	"fsmount",     "open_tree",    "reboot",	"kexec_load", "kexec_file_load",
	"init_module", "finit_module", "delete_module", "ptrace",     "bpf",
	"swapon",      "swapoff",      "setns",		NULL,
};

struct pipes {
	int out[2], err[2], status[2];
};

static unsigned int now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned int)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static int build_filter(const struct sandbox_spec *spec, scmp_filter_ctx *out)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int r = 0;

	if (!ctx)
		return -ENOMEM;
	for (const char *const *name = spec->deny; !r && *name; name++) {
		int nr = seccomp_syscall_resolve_name(*name);

		/* A name this architecture lacks cannot be called: nothing to deny. */
		if (nr != __NR_SCMP_ERROR && nr >= 0)
			r = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, nr, 0);
	}
	if (!r && spec->deny_inet_sockets)
		r = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(socket), 1,
				     SCMP_A0(SCMP_CMP_NE, AF_UNIX));
	if (r < 0) {
		seccomp_release(ctx);
		return r;
	}
	*out = ctx;
	return 0;
}

static void limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };

	setrlimit(resource, &rl);
}

static void __attribute__((noreturn))
child(const struct sandbox_spec *spec, scmp_filter_ctx ctx, const struct pipes *p)
{
	sigset_t none;
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC), err;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setpgid(0, 0);
	if (null < 0 || dup2(null, 0) < 0 || dup2(p->out[1], 1) < 0 || dup2(p->err[1], 2) < 0)
		goto fail;
	limit(RLIMIT_CORE, 0);
	limit(RLIMIT_NOFILE, 256);
	limit(RLIMIT_FSIZE, 16 << 20);
	limit(RLIMIT_CPU, spec->timeout_ms / 1000 + 2);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		goto fail;
	if (ctx && seccomp_load(ctx) < 0)
		goto fail;
	execve(spec->argv[0], (char *const *)spec->argv, (char *const *)spec->envp);
fail:
	err = errno;
	(void)!write(p->status[1], &err, sizeof(err));
	_exit(127);
}

static void close_pair(int fds[2])
{
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Append what fd has to buf; returns 0 at EOF, 1 while open. */
static int drain(int fd, char *buf, size_t size, size_t *len)
{
	char scratch[512];
	size_t room = size - 1 - *len;
	ssize_t n = read(fd, room ? buf + *len : scratch, room ? room : sizeof(scratch));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return 0;
	if (room)
		*len += (size_t)n;
	buf[*len] = '\0';
	return 1;
}

/* Read stdout and stderr until both close or the deadline. Returns 0 or -ETIME. */
static int collect(const struct pipes *p, unsigned int deadline, struct sandbox_result *res)
{
	struct pollfd fds[2] = { { p->out[0], POLLIN, 0 }, { p->err[0], POLLIN, 0 } };
	int open_fds = 2;

	while (open_fds > 0) {
		unsigned int now = now_ms();

		if (now >= deadline)
			return -ETIME;
		if (poll(fds, 2, (int)(deadline - now)) < 0 && errno != EINTR)
			return -errno;
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			if (!(i == 0
				  ? drain(fds[i].fd, res->out, sizeof(res->out), &res->out_len)
				  : drain(fds[i].fd, res->err, sizeof(res->err), &res->err_len))) {
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	return 0;
}

/* Wait for the child until the deadline (a pidfd becomes readable when the
 * process ends), then kill its whole group. */
static void reap(pid_t pid, unsigned int deadline, struct sandbox_result *res)
{
	struct pollfd pfd = { (int)syscall(SYS_pidfd_open, pid, 0), POLLIN, 0 };
	unsigned int now = now_ms();
	int status = 0;

	if (pfd.fd >= 0) {
		while (poll(&pfd, 1, now < deadline ? (int)(deadline - now) : 0) < 0 &&
		       errno == EINTR)
			now = now_ms();
		close(pfd.fd);
	}
	if (waitpid(pid, &status, WNOHANG) != pid) {
		res->timed_out = true;
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	res->exited = WIFEXITED(status);
	res->code = res->exited ? WEXITSTATUS(status) : 0;
	res->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static int open_pipes(struct pipes *p)
{
	p->out[0] = p->out[1] = p->err[0] = p->err[1] = p->status[0] = p->status[1] = -1;
	if (pipe2(p->out, O_CLOEXEC) < 0 || pipe2(p->err, O_CLOEXEC) < 0 ||
	    pipe2(p->status, O_CLOEXEC) < 0)
		return -errno;
	return 0;
}

static void close_pipes(struct pipes *p)
{
	close_pair(p->out);
	close_pair(p->err);
	close_pair(p->status);
}

int sandbox_run(const struct sandbox_spec *spec, struct sandbox_result *res)
{
	scmp_filter_ctx ctx = NULL;
	unsigned int start = now_ms(), deadline = start + spec->timeout_ms;
	struct pipes p;
	pid_t pid = -1;
	int r;

	memset(res, 0, sizeof(*res));
	r = open_pipes(&p);
	if (r == 0 && spec->deny)
		r = build_filter(spec, &ctx);
	if (r == 0 && (pid = fork()) < 0)
		r = -errno;
	if (r < 0)
		goto out;
	if (pid == 0)
		child(spec, ctx, &p);
	close(p.out[1]), close(p.err[1]), close(p.status[1]);
	p.out[1] = p.err[1] = p.status[1] = -1;
	if (read(p.status[0], &res->exec_errno, sizeof(res->exec_errno)) != sizeof(int))
		res->exec_errno = 0;
	if (collect(&p, deadline, res) == -ETIME)
		deadline = now_ms(); /* kill at once */
	reap(pid, deadline, res);
	res->elapsed_ms = now_ms() - start;
out:
	close_pipes(&p);
	if (ctx)
		seccomp_release(ctx);
	return r;
}
