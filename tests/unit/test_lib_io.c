/* Whole reads and writes: across pipe-sized pieces, up to the end of the
 * file, from an offset, and the errno of a bad descriptor. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/io.h"

#include <cmocka.h>

#define BIG ((size_t)256 * 1024) /* more than a pipe holds: the writer must wait */

/* A child writes BIG bytes into a pipe; the parent reads them whole. */
static void a_pipe_carries_everything(void **state)
{
	unsigned char *out = malloc(BIG), *in = malloc(BIG + 1);
	int fds[2], status;
	pid_t pid;

	(void)state;
	assert_non_null(out);
	assert_non_null(in);
	for (size_t i = 0; i < BIG; i++)
		out[i] = (unsigned char)(i * 7);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		_exit(write_all(fds[1], out, BIG) == 0 ? 0 : 1);
	}
	close(fds[1]);
	/* Asks for one byte more: the end of the file ends the read. */
	assert_int_equal(read_full(fds[0], in, BIG + 1), (ssize_t)BIG);
	assert_memory_equal(in, out, BIG);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	free(out);
	free(in);
}

static void pread_full_reads_from_its_offset(void **state)
{
	char name[] = "/tmp/test_lib_io.XXXXXX", buf[16] = "";
	int fd = mkstemp(name);

	(void)state;
	assert_true(fd >= 0);
	unlink(name);
	assert_int_equal(write_all(fd, "0123456789", 10), 0);
	assert_int_equal(pread_full(fd, buf, sizeof(buf), 4), 6);
	assert_memory_equal(buf, "456789", 6);
	assert_int_equal(pread_full(fd, buf, sizeof(buf), 10), 0);
	assert_int_equal(pread_full(fd, buf, sizeof(buf), -1), -EINVAL);
	close(fd);
}

static void a_bad_descriptor_is_its_errno(void **state)
{
	char buf[4];

	(void)state;
	assert_int_equal(write_all(-1, "x", 1), -EBADF);
	assert_int_equal(read_full(-1, buf, sizeof(buf)), -EBADF);
	assert_int_equal(write_all(-1, "", 0), 0); /* nothing to write, nothing written */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_pipe_carries_everything),
		cmocka_unit_test(pread_full_reads_from_its_offset),
		cmocka_unit_test(a_bad_descriptor_is_its_errno),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
