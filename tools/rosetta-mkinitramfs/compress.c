/* Compressor child process: fork, exec with an errno pipe to report exec failures, wait. */
#include "compress.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/io.h"
#include "lib/signals.h"
#include "lib/array_size.h"

extern char **environ;

int compress_parse(const char *s, enum compress_method *m)
{
	if (strcmp(s, "gzip") == 0)
		*m = COMPRESS_GZIP;
	else if (strcmp(s, "zstd") == 0)
		*m = COMPRESS_ZSTD;
	else if (strcmp(s, "none") == 0)
		*m = COMPRESS_NONE;
	else
		return -EINVAL;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

enum compress_method compress_for_name(const char *name)
{
	if (name && ends_with(name, ".gz"))
		return COMPRESS_GZIP;
	if (name && ends_with(name, ".zst"))
		return COMPRESS_ZSTD;
	return COMPRESS_NONE;
}

const char *compress_program(enum compress_method m)
{
	switch (m) {
	case COMPRESS_GZIP:
		return "gzip";
	case COMPRESS_ZSTD:
		return "zstd";
	default:
		return NULL;
	}
}

/* -n: no name or timestamp in the gzip header, which would make the output vary. */
static void fill_argv(enum compress_method m, const char **argv)
{
	argv[0] = compress_program(m);
	argv[1] = m == COMPRESS_GZIP ? "-n" : "-19";
	argv[2] = m == COMPRESS_GZIP ? "-9" : "-q";
	argv[3] = NULL;
}

static int unwanted(const char *var)
{
	static const char *const names[] = { "GZIP=", "ZSTD_CLEVEL=", "ZSTD_NBTHREADS=" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strncmp(var, names[i], strlen(names[i])) == 0)
			return 1;
	return 0;
}

static char **clean_environ(void)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = calloc(n + 1, sizeof(*env));
	if (!env)
		return NULL;
	for (n = 0; environ[n]; n++)
		if (!unwanted(environ[n]))
			env[k++] = environ[n];
	return env;
}

/* In the child. The signal state is reset because the parent ignores SIGPIPE and an ignored
 * disposition survives exec. If exec fails, its errno goes to the parent through status_fd, which
 * exec would otherwise have closed (O_CLOEXEC). */
static void __attribute__((noreturn))
run_child(const char **argv, char **env, int in_fd, int out_fd, int status_fd)
{
	int e;

	if ((out_fd == STDOUT_FILENO || dup2(out_fd, STDOUT_FILENO) >= 0) &&
	    dup2(in_fd, STDIN_FILENO) >= 0 && signals_reset() == 0)
		execvpe(argv[0], (char *const *)argv, env);
	e = errno;
	write_all(status_fd, &e, sizeof(e));
	_exit(127);
}

static int reap(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

/* Reads the child's exec errno, if any: 0 means exec succeeded (the pipe was closed). */
static int exec_error(int fd)
{
	int e = 0;

	return read_full(fd, &e, sizeof(e)) == (ssize_t)sizeof(e) ? e : 0;
}

static int spawn(struct compressor *c, char **env, int out_fd, int data[2], int status[2])
{
	const char *argv[4];
	int st, e;

	fill_argv(c->method, argv);
	c->pid = fork();
	if (c->pid < 0)
		return -errno;
	if (c->pid == 0)
		run_child(argv, env, data[0], out_fd, status[1]);
	close(status[1]);
	status[1] = -1;
	e = exec_error(status[0]);
	if (e == 0)
		return 0;
	reap(c->pid, &st);
	c->pid = -1;
	return -e;
}

int compress_start(struct compressor *c, enum compress_method m, int out_fd,
		   struct error_record *err)
{
	int data[2] = { -1, -1 }, status[2] = { -1, -1 };
	char **env = clean_environ();
	int r = env ? 0 : -ENOMEM;

	c->pid = -1;
	c->in_fd = -1;
	c->method = m;
	if (r == 0 && (pipe2(data, O_CLOEXEC) < 0 || pipe2(status, O_CLOEXEC) < 0))
		r = -errno;
	if (r == 0)
		r = spawn(c, env, out_fd, data, status);
	if (r == 0) {
		c->in_fd = data[1];
		data[1] = -1;
	}
	for (int i = 0; i < 2; i++) {
		if (data[i] >= 0)
			close(data[i]);
		if (status[i] >= 0)
			close(status[i]);
	}
	free(env);
	return r < 0 ? error_system(err, r, "cannot run %s: %m", compress_program(m)) : 0;
}

int compress_finish(struct compressor *c, struct error_record *err)
{
	const char *prog = compress_program(c->method);
	int st, w, r = 0;

	if (c->in_fd >= 0 && close(c->in_fd) < 0 && errno != EINTR)
		r = error_system(err, -errno, "cannot close the pipe to %s: %m", prog);
	c->in_fd = -1;
	if (c->pid < 0)
		return r;
	w = reap(c->pid, &st);
	c->pid = -1;
	if (w < 0)
		return error_system(err, w, "cannot wait for %s: %m", prog);
	if (WIFSIGNALED(st))
		return error_system(err, -EINVAL, "%s was killed by signal %d (%s)", prog,
				    WTERMSIG(st), strsignal(WTERMSIG(st)));
	if (WEXITSTATUS(st) != 0)
		return error_system(err, -EINVAL, "%s failed with exit status %d", prog,
				    WEXITSTATUS(st));
	return r;
}
