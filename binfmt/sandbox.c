/* The sandbox runner. The filter is built in the parent, so the child only
 * loads it between fork and exec; a CLOEXEC pipe carries the errno of a
 * failed set-up or exec back, as posix_spawn implementations do. Every wait
 * is bounded by the one deadline: an exec that never returns (its
 * interpreter on a file server that went away) included. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/seccomp_deny.h"
#include "lib/signals.h"

const char *const sandbox_denied_syscalls[] = {
	"mount",
	"umount2",
	"pivot_root",
	"move_mount",
	"fsopen",
	"fsmount",
	"open_tree",
	"reboot",
	"kexec_load",
	"kexec_file_load",
	"init_module",
	"finit_module",
	"delete_module",
	"ptrace",
	"bpf",
	"swapon",
	"swapoff",
	"setns",
	"unshare",
	"chroot",
	"io_uring_setup",
	"io_uring_enter",
	"io_uring_register",
	"keyctl",
	"add_key",
	"request_key",
	"userfaultfd",
	"perf_event_open",
	NULL,
};

/* After SIGKILL, how long a child may take to go: one stuck in the kernel
 * (a FUSE request nobody answers) is left to PID 1's reaping. */
#define KILL_GRACE_MS 2000

struct pipes {
	int out[2], err[2], status[2];
};

/* The deny list, and network sockets: socket() for any domain but AF_UNIX. */
static int build_filter(const struct sandbox_spec *spec, scmp_filter_ctx *out)
{
	int r = seccomp_deny_build(spec->deny, SCMP_ACT_KILL_PROCESS, NULL, NULL, out);

	if (r >= 0 && spec->deny_inet_sockets)
		r = seccomp_rule_add(*out, SCMP_ACT_KILL_PROCESS, SCMP_SYS(socket), 1,
				     SCMP_A0(SCMP_CMP_NE, AF_UNIX));
	if (r < 0 && *out) {
		seccomp_release(*out);
		*out = NULL;
	}
	return r < 0 ? r : 0;
}

static int limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };

	return setrlimit(resource, &rl);
}

static int limits(const struct sandbox_spec *spec)
{
	if (limit(RLIMIT_CORE, 0) < 0 || limit(RLIMIT_NOFILE, 256) < 0 ||
	    limit(RLIMIT_FSIZE, 16 << 20) < 0 || limit(RLIMIT_CPU, spec->timeout_ms / 1000 + 2) < 0)
		return -1;
	return 0;
}

/* Root becomes SANDBOX_UID with no capability left in any set, the bounding
 * set included, so that nothing the program runs can get one back. A caller
 * that is not root has none to give away. */
static int drop_privileges(void)
{
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return -1;
	if (geteuid() != 0)
		return 0;
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return -1;
	/* Changing every uid from 0 clears the permitted and effective sets. */
	if (setgroups(0, NULL) < 0 || setresgid(SANDBOX_GID, SANDBOX_GID, SANDBOX_GID) < 0 ||
	    setresuid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID) < 0)
		return -1;
	return 0;
}

static void __attribute__((noreturn))
child(const struct sandbox_spec *spec, scmp_filter_ctx ctx, const struct pipes *p)
{
	int null, err;

	if ((errno = -signals_reset()) != 0 || setsid() < 0)
		goto fail;
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, 0) < 0 || dup2(p->out[1], 1) < 0 || dup2(p->err[1], 2) < 0)
		goto fail;
	if (limits(spec) < 0 || drop_privileges() < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		goto fail;
	if (ctx && (errno = -seccomp_load(ctx)) != 0)
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

/* The exec's verdict: the status pipe closes when the exec succeeds, or
 * carries the errno of what failed. 0, or -ETIME at the deadline. */
static int exec_verdict(int fd, uint64_t deadline, int *exec_errno)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int r;

	*exec_errno = 0;
	while ((r = poll(&pfd, 1, ms_until(deadline))) < 0 && errno == EINTR)
		;
	if (r <= 0)
		return -ETIME;
	if (read(fd, exec_errno, sizeof(*exec_errno)) != sizeof(*exec_errno))
		*exec_errno = 0;
	return 0;
}

/* Read stdout and stderr until both close or the deadline. 0 or -ETIME. */
static int collect(const struct pipes *p, uint64_t deadline, struct sandbox_result *res)
{
	struct pollfd fds[2] = { { p->out[0], POLLIN, 0 }, { p->err[0], POLLIN, 0 } };
	int open_fds = 2;

	while (open_fds > 0) {
		if (ms_until(deadline) == 0)
			return -ETIME;
		if (poll(fds, 2, ms_until(deadline)) < 0 && errno != EINTR)
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

/* Whether pid ended by the deadline (a pidfd becomes readable when it does). */
static bool ended_by(int pidfd, uint64_t deadline)
{
	struct pollfd pfd = { pidfd, POLLIN, 0 };
	int r;

	while ((r = poll(&pfd, 1, ms_until(deadline))) < 0 && errno == EINTR)
		;
	return r > 0;
}

/* Wait for the child until the deadline, then kill its whole session and
 * wait a little more: never for ever. */
static void reap(pid_t pid, uint64_t deadline, struct sandbox_result *res)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0), status = 0;

	if (pidfd >= 0)
		ended_by(pidfd, deadline);
	if (waitpid(pid, &status, WNOHANG) != pid) {
		res->timed_out = true;
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		if (pidfd >= 0 && !ended_by(pidfd, monotonic_ms() + KILL_GRACE_MS))
			res->unreaped = true;
		else
			waitpid(pid, &status, 0);
	}
	if (pidfd >= 0)
		close(pidfd);
	res->exited = !res->unreaped && WIFEXITED(status);
	res->code = res->exited ? WEXITSTATUS(status) : 0;
	res->signal = !res->unreaped && WIFSIGNALED(status) ? WTERMSIG(status) : 0;
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
	uint64_t start = monotonic_ms(), deadline = start + spec->timeout_ms;
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
	if (exec_verdict(p.status[0], deadline, &res->exec_errno) == -ETIME ||
	    collect(&p, deadline, res) == -ETIME)
		deadline = monotonic_ms(); /* kill at once */
	reap(pid, deadline, res);
	res->elapsed_ms = (unsigned int)(monotonic_ms() - start);
out:
	close_pipes(&p);
	if (ctx)
		seccomp_release(ctx);
	return r;
}

void sandbox_first_line(const char *text, char *out, size_t size)
{
	size_t len = strcspn(text, "\n");

	if (len >= size)
		len = size - 1;
	memcpy(out, text, len);
	out[len] = '\0';
}
