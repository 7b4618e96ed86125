/* Unit tests for rosetta-mkinitramfs output handling: choosing and running the compressor
 * (reproducible, checked exit status, missing program), and the output file, which appears
 * only whole, through a private temporary file (O_TMPFILE, or the named fallback). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/rosetta-mkinitramfs/compress.h"
#include "lib/error.h"
#include "tools/rosetta-mkinitramfs/output.h"
#include "lib/io.h"
#include "tools/rosetta-mkinitramfs/sink.h"
#include "tests/unit/scratch.h"

static unsigned char *slurp(const char *path, size_t *len)
{
	unsigned char *buf = malloc(1 << 20);
	int fd = open(path, O_RDONLY);
	ssize_t n;

	assert_non_null(buf);
	assert_true(fd >= 0);
	n = read(fd, buf, 1 << 20);
	assert_true(n >= 0);
	close(fd);
	*len = n;
	return buf;
}

/* Some compressible, not trivially repetitive data. */
static void fill(unsigned char *buf, size_t len)
{
	uint32_t x = 12345;

	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245 + 12345;
		buf[i] = "abcdefgh\n"[(x >> 16) % 9];
	}
}

/* Compresses data with m into dir/name; returns the compressor's result. */
static int compress_to(enum compress_method m, const char *path, const unsigned char *data,
		       size_t len, struct error_record *err)
{
	struct compressor c;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int r, f;

	assert_true(fd >= 0);
	error_init(err);
	r = compress_start(&c, m, fd, err);
	close(fd);
	if (r < 0)
		return r;
	r = write_all(c.in_fd, data, len);
	f = compress_finish(&c, err);
	return r < 0 ? r : f;
}

static void check_roundtrip(enum compress_method m, const char *decompress)
{
	struct scratch s;
	char cmd[1024];
	static unsigned char data[300000];
	unsigned char *a, *b, *plain;
	size_t alen, blen, plen;
	struct error_record err;

	assert_int_equal(scratch_make(&s), 0);
	fill(data, sizeof(data));
	assert_int_equal(compress_to(m, scratch_path(&s, "a"), data, sizeof(data), &err), 0);
	sleep(1); /* a timestamp in the output would now differ */
	assert_int_equal(compress_to(m, scratch_path(&s, "b"), data, sizeof(data), &err), 0);
	a = slurp(scratch_path(&s, "a"), &alen);
	b = slurp(scratch_path(&s, "b"), &blen);
	assert_true(alen > 0 && alen < sizeof(data) / 2);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	snprintf(cmd, sizeof(cmd), "%s < '%s' > '%s'", decompress, scratch_path(&s, "a"),
		 scratch_path(&s, "plain"));
	assert_int_equal(system(cmd), 0);
	plain = slurp(scratch_path(&s, "plain"), &plen);
	assert_int_equal(plen, sizeof(data));
	assert_memory_equal(plain, data, plen);
	free(a);
	free(b);
	free(plain);
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_gzip_reproducible_and_readable(void **state)
{
	(void)state;
	check_roundtrip(COMPRESS_GZIP, "gzip -dc");
}

static void test_zstd_reproducible_and_readable(void **state)
{
	(void)state;
	check_roundtrip(COMPRESS_ZSTD, "zstd -dcq");
}

/* A stand-in compressor on PATH that prints its arguments and the environment variables that
 * would change real gzip or zstd output. */
static const char fake[] = "#!/bin/sh\n"
			   "echo \"$0 $*\"\n"
			   "env | grep -E '^(GZIP|ZSTD_CLEVEL|ZSTD_NBTHREADS|KEEP_ME)=' | sort\n"
			   "wc -c\n";

static void check_fake(struct scratch *s, enum compress_method m, const char *want_args)
{
	char want[PATH_MAX + 64];
	unsigned char *got;
	size_t len;
	struct error_record err;

	assert_int_equal(
	    compress_to(m, scratch_path(s, "out"), (const unsigned char *)"12345", 5, &err), 0);
	got = slurp(scratch_path(s, "out"), &len);
	snprintf(want, sizeof(want), "%s/%s\nKEEP_ME=1\n5\n", s->dir, want_args);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	free(got);
}

static void test_compressor_argv_and_environment(void **state)
{
	const char *old = getenv("PATH");
	struct scratch s;
	char *path = strdup(old ? old : "/usr/bin");
	char cmd[2 * PATH_MAX];

	(void)state;
	assert_int_equal(scratch_make(&s), 0);
	assert_non_null(path);
	for (int i = 0; i < 2; i++)
		assert_int_equal(scratch_put(&s, i ? "zstd" : "gzip", fake, 0755), 0);
	snprintf(cmd, sizeof(cmd), "%s:%s", s.dir, path);
	assert_int_equal(setenv("PATH", cmd, 1), 0);
	setenv("GZIP", "-1", 1);
	setenv("ZSTD_CLEVEL", "3", 1);
	setenv("ZSTD_NBTHREADS", "4", 1);
	setenv("KEEP_ME", "1", 1);
	check_fake(&s, COMPRESS_GZIP, "gzip -n -9");
	check_fake(&s, COMPRESS_ZSTD, "zstd -19 -q");
	unsetenv("GZIP");
	unsetenv("ZSTD_CLEVEL");
	unsetenv("ZSTD_NBTHREADS");
	unsetenv("KEEP_ME");
	assert_int_equal(setenv("PATH", path, 1), 0);
	free(path);
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_compressor_missing(void **state)
{
	const char *old = getenv("PATH");
	char *path = strdup(old ? old : "/usr/bin");
	struct compressor c;
	struct error_record err;
	int r;

	(void)state;
	assert_non_null(path);
	assert_int_equal(setenv("PATH", "/nonexistent", 1), 0);
	error_init(&err);
	r = compress_start(&c, COMPRESS_ZSTD, STDERR_FILENO, &err);
	assert_int_equal(setenv("PATH", path, 1), 0);
	free(path);
	assert_int_equal(r, -ENOENT);
	assert_int_equal(err.system, true);
	assert_string_equal(err.msg[0].text, "cannot run zstd: No such file or directory");
	assert_int_equal(c.pid, -1);
	assert_int_equal(c.in_fd, -1);
}

/* gzip cannot write to /dev/full: its exit status is reported. gzip's own complaint goes to
 * /dev/null, to keep it out of the TAP stream. */
static void test_compressor_failure_reported(void **state)
{
	struct compressor c;
	struct error_record err;
	int fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	int saved = dup(STDERR_FILENO);
	int started, wrote = 0, finished = 0;

	(void)state;
	if (fd < 0 || null < 0 || saved < 0)
		fail_msg("cannot open /dev/full, /dev/null or dup stderr: %s", strerror(errno));
	signal(SIGPIPE, SIG_IGN);
	error_init(&err);
	dup2(null, STDERR_FILENO);
	started = compress_start(&c, COMPRESS_GZIP, fd, &err);
	if (started == 0) {
		wrote = write_all(c.in_fd, "some data\n", 10);
		finished = compress_finish(&c, &err);
	}
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(null);
	close(fd);
	signal(SIGPIPE, SIG_DFL);
	assert_int_equal(started, 0);
	assert_true(wrote == 0 || wrote == -EPIPE);
	assert_int_equal(finished, -EINVAL);
	assert_int_equal(err.count, 1);
	assert_int_equal(err.system, true);
	assert_string_equal(err.msg[0].text, "gzip failed with exit status 1");
}

static void test_method_names(void **state)
{
	enum compress_method m = COMPRESS_NONE;

	(void)state;
	assert_int_equal(compress_for_name("initramfs.cpio.gz"), COMPRESS_GZIP);
	assert_int_equal(compress_for_name("out/initramfs.zst"), COMPRESS_ZSTD);
	assert_int_equal(compress_for_name("initramfs.cpio"), COMPRESS_NONE);
	assert_int_equal(compress_for_name("initramfs.gz.cpio"), COMPRESS_NONE);
	assert_int_equal(compress_for_name(".gz"), COMPRESS_NONE);
	assert_int_equal(compress_for_name(NULL), COMPRESS_NONE);
	assert_int_equal(compress_parse("zstd", &m), 0);
	assert_int_equal(m, COMPRESS_ZSTD);
	assert_int_equal(compress_parse("gzip", &m), 0);
	assert_int_equal(m, COMPRESS_GZIP);
	assert_int_equal(compress_parse("none", &m), 0);
	assert_int_equal(m, COMPRESS_NONE);
	assert_int_equal(compress_parse("xz", &m), -EINVAL);
	assert_int_equal(compress_parse("", &m), -EINVAL);
	assert_string_equal(compress_program(COMPRESS_GZIP), "gzip");
	assert_string_equal(compress_program(COMPRESS_ZSTD), "zstd");
	assert_null(compress_program(COMPRESS_NONE));
}

static void assert_content(const char *path, const char *text)
{
	size_t len;
	unsigned char *got = slurp(path, &len);

	assert_int_equal(len, strlen(text));
	assert_memory_equal(got, text, len);
	free(got);
}

/* The names in dir other than . and .., sorted and joined by spaces. */
static void assert_names(const char *dir, const char *want)
{
	char cmd[512], got[512] = "";
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | sort | tr '\\n' ' ' | sed 's/ $//'", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(got, 1, sizeof(got) - 1, p);
	got[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_string_equal(got, want);
}

/* Each check_output_* runs twice: with O_TMPFILE (flags 0) and with the named fallback.
 *
 * While the archive is written, OUT does not exist yet and no name but a fresh temporary one
 * (none with O_TMPFILE) is in its directory; on commit OUT appears whole, mode 0666 less the
 * umask, and nothing else is left. */
static void check_output_renamed_on_commit(int flags)
{
	struct scratch s;
	char want[64];
	mode_t mask = umask(022);
	struct output o;
	struct error_record err;
	struct stat st;

	assert_int_equal(scratch_make(&s), 0);
	error_init(&err);
	assert_int_equal(output_open(&o, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(o.fd, "new", 3), 0);
	assert_int_equal(access(scratch_path(&s, "out.cpio"), F_OK), -1);
	if (flags == TMPFILE_NAMED)
		assert_non_null(o.tmp.name);
	if (o.tmp.name) {
		const char *base = strrchr(o.tmp.name, '/') + 1;

		assert_int_equal(strncmp(base, ".out.cpio.", 10), 0);
		assert_int_equal(strlen(base), 10 + 12);
		snprintf(want, sizeof(want), "%s", base);
	} else {
		want[0] = '\0';
	}
	assert_names(s.dir, want);
	assert_string_equal(output_name(&o), scratch_path(&s, "out.cpio"));
	assert_int_equal(output_commit(&o, &err), 0);
	assert_names(s.dir, "out.cpio");
	assert_content(scratch_path(&s, "out.cpio"), "new");
	assert_int_equal(stat(scratch_path(&s, "out.cpio"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	umask(mask);
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_renamed_on_commit(void **state)
{
	(void)state;
	check_output_renamed_on_commit(0);
	check_output_renamed_on_commit(TMPFILE_NAMED);
}

static void check_output_abort_keeps_old_file(int flags)
{
	struct scratch s;
	struct output o;
	struct error_record err;

	assert_int_equal(scratch_make(&s), 0);
	assert_int_equal(scratch_put(&s, "out.cpio", "old", 0644), 0);
	error_init(&err);
	assert_int_equal(output_open(&o, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(o.fd, "partial", 7), 0);
	output_abort(&o);
	assert_names(s.dir, "out.cpio");
	assert_content(scratch_path(&s, "out.cpio"), "old");
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_abort_keeps_old_file(void **state)
{
	(void)state;
	check_output_abort_keeps_old_file(0);
	check_output_abort_keeps_old_file(TMPFILE_NAMED);
}

/* OUT.tmp, the name a fixed temporary file would have, is a hard link to another file: that
 * file keeps its contents, and OUT gets the new ones. */
static void check_output_hard_link_at_tmp_untouched(int flags)
{
	struct scratch s;
	struct output o;
	struct error_record err;

	assert_int_equal(scratch_make(&s), 0);
	assert_int_equal(scratch_put(&s, "precious", "precious", 0644), 0);
	assert_int_equal(link(scratch_path(&s, "precious"), scratch_path(&s, "out.cpio.tmp")), 0);
	error_init(&err);
	assert_int_equal(output_open(&o, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(o.fd, "new", 3), 0);
	assert_int_equal(output_commit(&o, &err), 0);
	assert_content(scratch_path(&s, "precious"), "precious");
	assert_content(scratch_path(&s, "out.cpio.tmp"), "precious");
	assert_content(scratch_path(&s, "out.cpio"), "new");
	assert_names(s.dir, "out.cpio out.cpio.tmp precious");
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_hard_link_at_tmp_untouched(void **state)
{
	(void)state;
	check_output_hard_link_at_tmp_untouched(0);
	check_output_hard_link_at_tmp_untouched(TMPFILE_NAMED);
}

/* The same with a symlink at OUT.tmp: it is neither followed nor in the way. */
static void check_output_symlink_at_tmp_untouched(int flags)
{
	struct scratch s;
	struct output o;
	struct error_record err;
	struct stat st;

	assert_int_equal(scratch_make(&s), 0);
	assert_int_equal(scratch_put(&s, "precious", "precious", 0644), 0);
	assert_int_equal(symlink("precious", scratch_path(&s, "out.cpio.tmp")), 0);
	error_init(&err);
	assert_int_equal(output_open(&o, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(o.fd, "new", 3), 0);
	assert_int_equal(output_commit(&o, &err), 0);
	assert_content(scratch_path(&s, "precious"), "precious");
	assert_int_equal(lstat(scratch_path(&s, "out.cpio.tmp"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_content(scratch_path(&s, "out.cpio"), "new");
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_symlink_at_tmp_untouched(void **state)
{
	(void)state;
	check_output_symlink_at_tmp_untouched(0);
	check_output_symlink_at_tmp_untouched(TMPFILE_NAMED);
}

/* OUT itself a symlink to a regular file: the link is replaced, its target left alone. */
static void check_output_symlink_at_out_replaced(int flags)
{
	struct scratch s;
	struct output o;
	struct error_record err;
	struct stat st;

	assert_int_equal(scratch_make(&s), 0);
	assert_int_equal(scratch_put(&s, "precious", "precious", 0644), 0);
	assert_int_equal(symlink("precious", scratch_path(&s, "out.cpio")), 0);
	error_init(&err);
	assert_int_equal(output_open(&o, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(o.fd, "new", 3), 0);
	assert_int_equal(output_commit(&o, &err), 0);
	assert_content(scratch_path(&s, "precious"), "precious");
	assert_int_equal(lstat(scratch_path(&s, "out.cpio"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_content(scratch_path(&s, "out.cpio"), "new");
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_symlink_at_out_replaced(void **state)
{
	(void)state;
	check_output_symlink_at_out_replaced(0);
	check_output_symlink_at_out_replaced(TMPFILE_NAMED);
}

/* Two writers of the same OUT, interleaved: each commit puts exactly its own data in place,
 * so OUT ends up as the last one committed, never as a mix of both. */
static void check_output_interleaved_writers(int flags)
{
	struct scratch s;
	struct output a, b;
	struct error_record err;

	assert_int_equal(scratch_make(&s), 0);
	error_init(&err);
	assert_int_equal(output_open(&a, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(output_open(&b, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(a.fd, "AAAAAAAA", 8), 0);
	assert_int_equal(write_all(b.fd, "BB", 2), 0);
	assert_int_equal(output_commit(&a, &err), 0);
	assert_content(scratch_path(&s, "out.cpio"), "AAAAAAAA");
	assert_int_equal(output_commit(&b, &err), 0);
	assert_content(scratch_path(&s, "out.cpio"), "BB");
	assert_int_equal(err.count, 0);
	assert_names(s.dir, "out.cpio");
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_interleaved_writers(void **state)
{
	(void)state;
	check_output_interleaved_writers(0);
	check_output_interleaved_writers(TMPFILE_NAMED);
}

/* The directory is gone by commit time: an error, and nothing is left behind. */
static void check_output_commit_failure_reported(int flags)
{
	struct scratch s;
	char want[PATH_MAX + 64];
	struct output o;
	struct error_record err;
	int r;

	assert_int_equal(scratch_make(&s), 0);
	error_init(&err);
	assert_int_equal(output_open(&o, scratch_path(&s, "out.cpio"), flags, &err), 0);
	assert_int_equal(write_all(o.fd, "new", 3), 0);
	if (o.tmp.name)
		assert_int_equal(unlink(o.tmp.name), 0);
	assert_int_equal(rmdir(s.dir), 0);
	r = output_commit(&o, &err);
	assert_int_equal(r, -ENOENT);
	assert_int_equal(err.system, true);
	if (flags == TMPFILE_NAMED)
		snprintf(want, sizeof(want), "cannot rename %s/.out.cpio.", s.dir);
	else
		snprintf(want, sizeof(want), "cannot name the new %s/out.cpio: ", s.dir);
	assert_int_equal(strncmp(err.msg[0].text, want, strlen(want)), 0);
	assert_int_equal(access(s.dir, F_OK), -1);
	assert_int_equal(scratch_remove(&s), 0);
}

static void test_output_commit_failure_reported(void **state)
{
	(void)state;
	check_output_commit_failure_reported(0);
	check_output_commit_failure_reported(TMPFILE_NAMED);
}

/* A device given as OUT is written in place, not replaced by a regular file. */
static void test_output_device_written_in_place(void **state)
{
	struct output o;
	struct error_record err;
	struct stat st;

	(void)state;
	error_init(&err);
	assert_int_equal(output_open(&o, "/dev/null", 0, &err), 0);
	assert_int_equal(write_all(o.fd, "x", 1), 0);
	assert_int_equal(output_commit(&o, &err), 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

static void check_output_error_names_file(int flags)
{
	struct output o;
	struct error_record err;

	error_init(&err);
	assert_int_equal(output_open(&o, "/nonexistent/dir/out.cpio", flags, &err), -ENOENT);
	assert_int_equal(err.system, true);
	assert_string_equal(err.msg[0].text,
			    "cannot create a temporary file in /nonexistent/dir for "
			    "/nonexistent/dir/out.cpio: No such file or directory");
	assert_int_equal(o.fd, -1);
}

static void test_output_error_names_file(void **state)
{
	(void)state;
	check_output_error_names_file(0);
	check_output_error_names_file(TMPFILE_NAMED);
}

static void test_output_stdout(void **state)
{
	struct output o;
	struct error_record err;

	(void)state;
	error_init(&err);
	assert_int_equal(output_open(&o, NULL, 0, &err), 0);
	assert_int_equal(o.fd, STDOUT_FILENO);
	assert_string_equal(output_name(&o), "standard output");
	assert_int_equal(output_commit(&o, &err), 0);
	assert_true(fcntl(STDOUT_FILENO, F_GETFD) >= 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gzip_reproducible_and_readable),
		cmocka_unit_test(test_zstd_reproducible_and_readable),
		cmocka_unit_test(test_compressor_argv_and_environment),
		cmocka_unit_test(test_compressor_missing),
		cmocka_unit_test(test_compressor_failure_reported),
		cmocka_unit_test(test_method_names),
		cmocka_unit_test(test_output_renamed_on_commit),
		cmocka_unit_test(test_output_abort_keeps_old_file),
		cmocka_unit_test(test_output_hard_link_at_tmp_untouched),
		cmocka_unit_test(test_output_symlink_at_tmp_untouched),
		cmocka_unit_test(test_output_symlink_at_out_replaced),
		cmocka_unit_test(test_output_interleaved_writers),
		cmocka_unit_test(test_output_commit_failure_reported),
		cmocka_unit_test(test_output_device_written_in_place),
		cmocka_unit_test(test_output_error_names_file),
		cmocka_unit_test(test_output_stdout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
