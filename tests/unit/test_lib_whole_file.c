/* The bounded whole-file reader: a file of exactly max bytes fits and one
 * more byte is -EFBIG, an empty file is empty, a missing one is -ENOENT,
 * and a FIFO with no writer does not hang it. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/whole_file.h"

#include <cmocka.h>

static char dir[] = "/tmp/test_lib_whole_file.XXXXXX";

static const char *file_of(size_t size)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/f%zu", dir, size);
	f = fopen(path, "w");
	assert_non_null(f);
	for (size_t i = 0; i < size; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
	return path;
}

static void the_bound_is_inclusive(void **state)
{
	char *text = NULL;
	size_t len = 0;

	(void)state;
	/* Past the first 4096-byte buffer, so the growth is exercised too. */
	assert_int_equal(read_whole_file(file_of(10000), 10000, &text, &len), 0);
	assert_int_equal(len, 10000);
	assert_memory_equal(text, "abcdefghij", 10);
	assert_int_equal(text[9999], 'a' + 9999 % 26);
	free(text);
	text = NULL;
	assert_int_equal(read_whole_file(file_of(10001), 10000, &text, &len), -EFBIG);
	assert_null(text);
	assert_int_equal(read_whole_file(file_of(0), 10, &text, &len), 0);
	assert_int_equal(len, 0);
	free(text);
}

static void errors_are_errnos(void **state)
{
	char path[128], *text = NULL;
	size_t len = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/missing", dir);
	assert_int_equal(read_whole_file(path, 10, &text, &len), -ENOENT);
	assert_int_equal(read_whole_file(dir, 10, &text, &len), -EISDIR);
	assert_int_equal(read_whole_fd(-1, 10, &text, &len), -EBADF);
}

static void a_fifo_does_not_hang(void **state)
{
	char path[128], *text = NULL;
	size_t len = 0;
	int r;

	(void)state;
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(5); /* a hang is a failure, not a stuck test run */
	r = read_whole_file(path, 10, &text, &len);
	alarm(0);
	/* No writer: the non-blocking open succeeds and reads an end of file. */
	assert_int_equal(r, 0);
	assert_int_equal(len, 0);
	free(text);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_bound_is_inclusive),
		cmocka_unit_test(errors_are_errnos),
		cmocka_unit_test(a_fifo_does_not_hang),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
