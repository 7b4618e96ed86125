/*
 * The real rosetta-mkinitramfs binary, found next to this test as ../host/rosetta-mkinitramfs,
 * on inputs that once hung it or left a wrong result: a FIFO or /dev/zero as the spec file,
 * two runs writing the same -o at once, and a run killed by SIGTERM or SIGINT in the middle
 * of writing its output; and its command line manners: --help, -V/--version, usage errors,
 * an unwritable standard output. Every run has a time limit and an address space limit, so that a
 * regression fails the test instead of hanging it or eating the machine's memory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/scratch.h"

#include <cmocka.h>

#define RUN_LIMIT_MS 20000
#define AS_LIMIT     (1024UL << 20) /* enough for the tool, far less than /dev/zero */
#define DATA_LEN     (8 << 20)	    /* per tree in the concurrent runs */
#define BIG_LEN	     (1LL << 30)    /* sparse: the killed run is still writing it */

/* Paths shared by every test: set once by the group setup. */
static struct {
	char tool[PATH_MAX];
	struct scratch scratch;
	const char *tree_a, *tree_b, *ref_a, *ref_b, *big;
} env;

struct run {
	pid_t pid;
	int status;
	int timed_out;
	char err[4096]; /* what the tool wrote to standard error */
	char out[4096]; /* and to standard output, when run_out took it */
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* A path in the scratch directory. */
static const char *at(const char *rel)
{
	return scratch_path(&env.scratch, rel);
}

/* Starts the tool with args (NULL-terminated); its standard error goes to errfile, its
 * standard output to outfile unless NULL. */
static pid_t start_out(const char *errfile, const char *outfile, const char *const *args)
{
	const char *argv[16] = { env.tool };
	pid_t pid;
	int n = 1;

	while (*args && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { AS_LIMIT, AS_LIMIT };
		int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);

		int out = outfile ? open(outfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)
				  : STDOUT_FILENO;

		if (fd < 0 || null < 0 || out < 0 || dup2(fd, STDERR_FILENO) < 0 ||
		    dup2(null, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
		    setrlimit(RLIMIT_AS, &rl) < 0)
			_exit(126);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execv(env.tool, (char *const *)argv);
		_exit(127);
	}
	return pid;
}

static pid_t start(const char *errfile, const char *const *args)
{
	return start_out(errfile, NULL, args);
}

static void slurp_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : 0;

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

/* Waits up to RUN_LIMIT_MS for r->pid; a run past that is killed and marked timed out. */
static void finish(struct run *r, const char *errfile)
{
	long end = now_ms() + RUN_LIMIT_MS;
	while (waitpid(r->pid, &r->status, WNOHANG) == 0) {
		if (now_ms() > end) {
			r->timed_out = 1;
			kill(r->pid, SIGKILL);
			waitpid(r->pid, &r->status, 0);
			break;
		}
		usleep(10000);
	}
	slurp_text(errfile, r->err, sizeof(r->err));
}

static void run(struct run *r, const char *const *args)
{
	const char *errfile = at("stderr");

	memset(r, 0, sizeof(*r));
	r->pid = start(errfile, args);
	finish(r, errfile);
}

/* As run, with standard output to outfile (a file of the scratch directory when NULL),
 * whose text is kept in r->out. */
static void run_out(struct run *r, const char *outfile, const char *const *args)
{
	const char *errfile = at("stderr"), *own = at("stdout");

	memset(r, 0, sizeof(*r));
	r->pid = start_out(errfile, outfile ? outfile : own, args);
	finish(r, errfile);
	if (!outfile)
		slurp_text(own, r->out, sizeof(r->out));
}

static int exit_code(const struct run *r)
{
	return WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	buf = malloc(st.st_size + 1);
	assert_non_null(buf);
	assert_int_equal(read(fd, buf, st.st_size), st.st_size);
	close(fd);
	*len = st.st_size;
	return buf;
}

/* The names in dir other than . and .., joined by spaces, in readdir order. */
static void list_dir(const char *dir, char *out, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t used = 0;

	assert_non_null(d);
	out[0] = '\0';
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		used += snprintf(out + used, used < len ? len - used : 0, "%s%s", used ? " " : "",
				 de->d_name);
	}
	closedir(d);
}

/* rel in the scratch directory, made again empty. */
static const char *fresh_dir(const char *rel)
{
	const char *dir = at(rel);

	assert_int_equal(scratch_remove_tree(dir), 0);
	assert_int_equal(mkdir(dir, 0755), 0);
	return dir;
}

/* A spec file that is a FIFO nobody writes to: refused at once, not waited on. */
static void test_spec_fifo_refused(void **state)
{
	const char *fifo = at("fifo.spec"), *dir, *out;
	char names[256];
	struct run r;

	(void)state;
	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	dir = fresh_dir("out-fifo");
	out = at("out-fifo/out.cpio");
	run(&r, (const char *[]){ "-o", out, "--spec", fifo, env.tree_a, NULL });
	assert_false(r.timed_out);
	assert_int_equal(exit_code(&r), 1);
	assert_non_null(strstr(r.err, fifo));
	assert_non_null(strstr(r.err, "not a regular file"));
	list_dir(dir, names, sizeof(names));
	assert_string_equal(names, "");
}

/* /dev/zero as the spec file: refused, not read until memory runs out. */
static void test_spec_dev_zero_refused(void **state)
{
	const char *out;
	struct run r;

	(void)state;
	fresh_dir("out-zero");
	out = at("out-zero/out.cpio");
	run(&r, (const char *[]){ "-o", out, "--spec", "/dev/zero", env.tree_a, NULL });
	assert_false(r.timed_out);
	assert_int_equal(exit_code(&r), 1);
	assert_string_equal(r.err, "rosetta-mkinitramfs: cannot read spec file /dev/zero: not a "
				   "regular file (character device)\n");
	assert_int_equal(access(out, F_OK), -1);
}

/* Two runs writing the same OUT at the same time: both succeed and OUT is exactly one of the
 * two archives, never a mix. Repeated, since the runs overlap differently each time. */
static void test_concurrent_runs_same_output(void **state)
{
	const char *dir, *out, *err_a = at("stderr-a"), *err_b = at("stderr-b");
	char names[256];
	size_t la, lb, lo;
	unsigned char *a = slurp(env.ref_a, &la), *b = slurp(env.ref_b, &lb);

	(void)state;
	dir = fresh_dir("out-race");
	out = at("out-race/out.cpio");
	for (int i = 0; i < 6; i++) {
		struct run ra = { 0 }, rb = { 0 };
		unsigned char *got;

		ra.pid = start(err_a, (const char *[]){ "-o", out, env.tree_a, NULL });
		rb.pid = start(err_b, (const char *[]){ "-o", out, env.tree_b, NULL });
		finish(&ra, err_a);
		finish(&rb, err_b);
		assert_false(ra.timed_out || rb.timed_out);
		assert_string_equal(ra.err, "");
		assert_string_equal(rb.err, "");
		assert_int_equal(exit_code(&ra), 0);
		assert_int_equal(exit_code(&rb), 0);
		got = slurp(out, &lo);
		assert_true((lo == la && memcmp(got, a, la) == 0) ||
			    (lo == lb && memcmp(got, b, lb) == 0));
		free(got);
		list_dir(dir, names, sizeof(names));
		assert_string_equal(names, "out.cpio");
	}
	free(a);
	free(b);
}

/* The descriptor the tool writes its output through: one open on a file in dir (a temporary
 * name, or an unnamed O_TMPFILE file there) that already holds data. Returns 1 once seen. */
static int writing_into(pid_t pid, const char *dir)
{
	char fddir[64], link[PATH_MAX], path[PATH_MAX + 64];
	size_t dlen = strlen(dir);
	struct dirent *de;
	struct stat st;
	int found = 0;
	DIR *d;

	snprintf(fddir, sizeof(fddir), "/proc/%d/fd", (int)pid);
	d = opendir(fddir);
	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		ssize_t n;

		snprintf(path, sizeof(path), "%s/%s", fddir, de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		found = strncmp(link, dir, dlen) == 0 && link[dlen] == '/' &&
			stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
	}
	closedir(d);
	return found;
}

/* Killed while writing OUT: no temporary file is left beside it, and no OUT appears. */
static void check_killed(int sig, const char *compress)
{
	const char *dir = fresh_dir("out-kill"), *out = at("out-kill/out.cpio");
	const char *errfile = at("stderr");
	char names[256];
	long end = now_ms() + RUN_LIMIT_MS;
	struct run r = { 0 };

	r.pid =
	    start(errfile, (const char *[]){ "-o", out, "--compress", compress, env.big, NULL });
	while (!writing_into(r.pid, dir)) {
		if (now_ms() > end || waitpid(r.pid, &r.status, WNOHANG) != 0) {
			kill(r.pid, SIGKILL);
			fail_msg("the tool never wrote into %s", dir);
		}
		usleep(1000);
	}
	assert_int_equal(kill(r.pid, sig), 0);
	finish(&r, errfile);
	assert_false(r.timed_out);
	assert_true(WIFSIGNALED(r.status));
	assert_int_equal(WTERMSIG(r.status), sig);
	list_dir(dir, names, sizeof(names));
	assert_string_equal(names, "");
}

static void test_sigterm_leaves_no_temporary(void **state)
{
	(void)state;
	check_killed(SIGTERM, "none");
}

static void test_sigint_leaves_no_temporary(void **state)
{
	(void)state;
	check_killed(SIGINT, "none");
}

/* gzip holds the output open after the tool is gone: still nothing is left behind. */
static void test_sigterm_while_compressing(void **state)
{
	(void)state;
	check_killed(SIGTERM, "gzip");
}

/* --help: the usage and every option of the table, on stdout. */
static void test_help(void **state)
{
	struct run r;

	(void)state;
	run_out(&r, NULL, (const char *[]){ "--help", NULL });
	assert_int_equal(exit_code(&r), 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "Usage: rosetta-mkinitramfs [options] DIR\n"));
	assert_non_null(strstr(r.out, " -o, --output OUT "));
	assert_non_null(strstr(r.out, "     --compress M "));
	assert_non_null(strstr(r.out, "     --mtime SECONDS "));
	assert_non_null(strstr(r.out, "     --spec FILE "));
	assert_non_null(strstr(r.out, " -h, --help "));
	assert_non_null(strstr(r.out, " -V, --version "));
}

/* -V and --version: the project's version line. */
static void test_version(void **state)
{
	const char *words[] = { "-V", "--version" };
	struct run r;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		run_out(&r, NULL, (const char *[]){ words[i], NULL });
		assert_int_equal(exit_code(&r), 0);
		assert_string_equal(r.out, "rosetta-mkinitramfs from rosetta-guest 0.1\n");
		assert_string_equal(r.err, "");
	}
}

/* A usage error: one message, the --help hint, status 2, nothing on stdout. */
static void check_usage_error(const char *const *args, const char *msg)
{
	char want[512];
	struct run r;

	run_out(&r, NULL, args);
	assert_int_equal(exit_code(&r), 2);
	assert_string_equal(r.out, "");
	snprintf(
	    want, sizeof(want),
	    "rosetta-mkinitramfs: %s\nTry 'rosetta-mkinitramfs --help' for more information.\n",
	    msg);
	assert_string_equal(r.err, want);
}

static void test_usage_errors(void **state)
{
	(void)state;
	check_usage_error((const char *[]){ "-x", env.tree_a, NULL }, "unknown option -x");
	check_usage_error((const char *[]){ "--frobnicate", env.tree_a, NULL },
			  "unknown option --frobnicate");
	check_usage_error((const char *[]){ "--mtime", NULL }, "option --mtime needs an argument");
	check_usage_error((const char *[]){ NULL }, "missing DIR");
	check_usage_error((const char *[]){ "--compress", "xz", env.tree_a, NULL },
			  "bad --compress 'xz': need gzip, zstd or none");
}

/* The archive, or --version, to a full disk: an error with status 3, not a success. */
static void test_stdout_full(void **state)
{
	struct run r;

	(void)state;
	run_out(&r, "/dev/full", (const char *[]){ "--version", NULL });
	assert_int_equal(exit_code(&r), 3);
	assert_non_null(strstr(r.err, "cannot write the standard output"));
	run_out(&r, "/dev/full", (const char *[]){ env.tree_a, NULL });
	assert_int_equal(exit_code(&r), 3);
	assert_non_null(strstr(r.err, "No space left on device"));
}

/* The tree rel, holding one file of DATA_LEN bytes of byte, as *path. */
static int make_tree(const char **path, const char *rel, int byte)
{
	char *data = malloc(DATA_LEN), file[64];
	int r = -1;

	*path = at(rel);
	snprintf(file, sizeof(file), "%s/data", rel);
	if (data && mkdir(*path, 0755) == 0) {
		memset(data, byte, DATA_LEN);
		r = scratch_write(&env.scratch, file, data, DATA_LEN, 0644) < 0 ? -1 : 0;
	}
	free(data);
	return r;
}

static int make_ref(const char **path, const char *rel, const char *tree)
{
	struct run r;

	*path = at(rel);
	run(&r, (const char *[]){ "-o", *path, tree, NULL });
	return exit_code(&r) == 0 ? 0 : -1;
}

static int make_big(void)
{
	int fd;

	env.big = at("big");
	if (mkdir(env.big, 0755) < 0)
		return -1;
	fd = open(at("big/sparse"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || ftruncate(fd, BIG_LEN) < 0)
		return -1;
	return close(fd);
}

static int group_setup(void **state)
{
	char self[PATH_MAX];
	ssize_t n;

	(void)state;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return -1;
	self[n] = '\0';
	snprintf(env.tool, sizeof(env.tool), "%s/../host/rosetta-mkinitramfs", dirname(self));
	if (access(env.tool, X_OK) != 0) {
		fprintf(stderr, "# cannot run %s: build it first (make host)\n", env.tool);
		return -1;
	}
	if (scratch_make(&env.scratch) < 0 || make_tree(&env.tree_a, "tree-a", 'a') < 0 ||
	    make_tree(&env.tree_b, "tree-b", 'b') < 0)
		return -1;
	return make_ref(&env.ref_a, "ref-a.cpio", env.tree_a) |
	       make_ref(&env.ref_b, "ref-b.cpio", env.tree_b) | make_big();
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(&env.scratch) < 0 ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_fifo_refused),
		cmocka_unit_test(test_spec_dev_zero_refused),
		cmocka_unit_test(test_concurrent_runs_same_output),
		cmocka_unit_test(test_sigterm_leaves_no_temporary),
		cmocka_unit_test(test_sigint_leaves_no_temporary),
		cmocka_unit_test(test_sigterm_while_compressing),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_stdout_full),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
