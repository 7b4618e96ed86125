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
#include "tests/unit/scratch.h"

#include <cmocka.h>

/* A file of size bytes, "abc...zab...". */
static const char *file_of(struct scratch *s, size_t size)
{
	char name[32], *data = malloc(size + 1);

	assert_non_null(data);
	for (size_t i = 0; i < size; i++)
		data[i] = (char)('a' + (int)(i % 26));
	snprintf(name, sizeof(name), "f%zu", size);
	assert_int_equal(scratch_write(s, name, data, size, 0644), 0);
	free(data);
	return scratch_path(s, name);
}

static void the_bound_is_inclusive(void **state)
{
	struct scratch *s = *state;
	char *text = NULL;
	size_t len = 0;

	/* Past the first 4096-byte buffer, so the growth is exercised too. */
	assert_int_equal(read_whole_file(file_of(s, 10000), 10000, &text, &len), 0);
	assert_int_equal(len, 10000);
	assert_memory_equal(text, "abcdefghij", 10);
	assert_int_equal(text[9999], 'a' + 9999 % 26);
	free(text);
	text = NULL;
	assert_int_equal(read_whole_file(file_of(s, 10001), 10000, &text, &len), -EFBIG);
	assert_null(text);
	assert_int_equal(read_whole_file(file_of(s, 0), 10, &text, &len), 0);
	assert_int_equal(len, 0);
	free(text);
}

static void errors_are_errnos(void **state)
{
	struct scratch *s = *state;
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(read_whole_file(scratch_path(s, "missing"), 10, &text, &len), -ENOENT);
	assert_int_equal(read_whole_file(s->dir, 10, &text, &len), -EISDIR);
	assert_int_equal(read_whole_fd(-1, 10, &text, &len), -EBADF);
}

static void a_fifo_does_not_hang(void **state)
{
	const char *path = scratch_path(*state, "fifo");
	char *text = NULL;
	size_t len = 0;
	int r;

	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(5); /* a hang is a failure, not a stuck test run */
	r = read_whole_file(path, 10, &text, &len);
	alarm(0);
	/* No writer: the non-blocking open succeeds and reads an end of file. */
	assert_int_equal(r, 0);
	assert_int_equal(len, 0);
	free(text);
}

static void first_lines_of_attributes(void **state)
{
	struct scratch *s = *state;
	char buf[8];

	assert_int_equal(scratch_put(s, "tag", "rosetta\nmore\n", 0644), 0);
	assert_int_equal(read_first_line(scratch_path(s, "tag"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "rosetta");
	assert_int_equal(scratch_put(s, "long", "0123456789\n", 0644), 0);
	assert_int_equal(read_first_line(scratch_path(s, "long"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0123456"); /* cut to the buffer */
	assert_int_equal(scratch_put(s, "empty", "", 0644), 0);
	assert_int_equal(read_first_line(scratch_path(s, "empty"), buf, sizeof(buf)), -ENODATA);
	assert_int_equal(read_first_line(scratch_path(s, "missing"), buf, sizeof(buf)), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_bound_is_inclusive),
		cmocka_unit_test(errors_are_errnos),
		cmocka_unit_test(a_fifo_does_not_hang),
		cmocka_unit_test(first_lines_of_attributes),
	};

	return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
