/* Timing program starts; see execloop.h. posix_spawn (a vfork in musl)
 * keeps the parent's share of each sample small and the same for every
 * kind of program. libc only: make bench's probe compiles this file into a
 * program without the project's archives. */
#include "execloop.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static int spawn_quiet(pid_t *pid, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	int r;

	r = posix_spawn_file_actions_init(&fa);
	if (r)
		return -r;
	r = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (!r)
		r = posix_spawn(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return -r;
}

int exec_once(char *const argv[], int want_status, uint64_t *us)
{
	uint64_t start = now_us();
	pid_t pid = -1;
	int r, status;

	r = spawn_quiet(&pid, argv);
	if (r < 0)
		return r;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	*us = now_us() - start;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want_status)
		return -EPROTO;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

uint64_t median_us(uint64_t *samples, size_t n)
{
	if (!n)
		return 0;
	qsort(samples, n, sizeof(*samples), cmp_u64);
	return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

int exec_cases_time(struct exec_case *cases, size_t n, unsigned int runs, struct exec_stop *stop)
{
	uint64_t warm;
	int r;

	for (size_t k = 0; k < n; k++) {
		*stop = (struct exec_stop){ .index = k, .warming = true };
		r = exec_once(cases[k].argv, cases[k].want_status, &warm);
		if (r < 0)
			return r;
	}
	for (unsigned int i = 0; i < runs; i++)
		for (size_t k = 0; k < n; k++) {
			size_t at = (i + k) % n;

			*stop = (struct exec_stop){ .index = at, .warming = false };
			r = exec_once(cases[at].argv, cases[at].want_status, &cases[at].samples[i]);
			if (r < 0)
				return r;
		}
	return 0;
}
