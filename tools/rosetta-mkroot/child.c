/* Running a helper program; see child.h. */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/wait_status.h"

extern char **environ;

static int actions(posix_spawn_file_actions_t *fa, int out_fd)
{
	int r = posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0);

	if (!r && out_fd >= 0)
		r = posix_spawn_file_actions_adddup2(fa, out_fd, 1);
	if (!r && out_fd >= 0)
		r = posix_spawn_file_actions_addopen(fa, 2, "/dev/null", O_WRONLY, 0);
	return -r;
}

/* Keep the first size - 1 bytes of fd's stream, drain the rest so the child never blocks. */
static void collect(int fd, char *out, size_t size)
{
	size_t kept = 0;
	char drop[4096];

	for (;;) {
		char *to = kept + 1 < size ? out + kept : drop;
		size_t room = kept + 1 < size ? size - 1 - kept : sizeof(drop);
		ssize_t n = read(fd, to, room);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (to != drop)
			kept += (size_t)n;
	}
	out[kept] = '\0';
}

static int spawn(pid_t *pid, char *const argv[], int out_fd)
{
	posix_spawn_file_actions_t fa;
	int r = -posix_spawn_file_actions_init(&fa);

	if (r < 0)
		return r;
	r = actions(&fa, out_fd);
	if (!r)
		r = -posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return r;
}

int child_run(char *const argv[], char *out, size_t size, struct error_record *e)
{
	int pipefd[2] = { -1, -1 }, status, r;
	char how[64];
	pid_t pid = -1;

	if (out && pipe2(pipefd, O_CLOEXEC) < 0)
		return error_system(e, -errno, "cannot make a pipe for %s: %m", argv[0]);
	r = spawn(&pid, argv, pipefd[1]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (r == 0 && out)
		collect(pipefd[0], out, size);
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (r < 0)
		return error_system(e, r, "cannot run %s: %m", argv[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return error_system(e, -errno, "waiting for %s: %m", argv[0]);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	wait_status_describe(status, how, sizeof(how));
	return error_system(e, -EPROTO, "%s %s", argv[0], how);
}
