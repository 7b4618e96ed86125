/*
 * The launcher's output that never blocks it: the queue and its descriptor (a pipe reopened
 * with a non-blocking description of its own, a socket, a file, a FIFO nobody reads), the
 * bounded message writer, and the console relay that scans every byte, the ones the reader
 * never took included.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tools/rosetta-launch/outbuf.h"
#include "tools/rosetta-launch/relay.h"
#include "tests/unit/scratch.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Put n bytes of c, as many as the queue takes. */
static size_t put_bytes(struct launch_out *o, char c, size_t n)
{
	static char block[LAUNCH_OUT_SIZE];

	memset(block, c, n < sizeof(block) ? n : sizeof(block));
	return launch_out_put(o, block, n < sizeof(block) ? n : sizeof(block));
}

static void test_pipe_gets_a_description_of_its_own(void **state)
{
	static struct launch_out o;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(launch_out_open(&o, p[1]), 0);
	assert_int_equal(o.mode, LAUNCH_OUT_NONBLOCK);
	assert_int_not_equal(o.fd, p[1]);
	assert_true(fcntl(o.fd, F_GETFL) & O_NONBLOCK);
	/* whoever shares the original (qemu's stderr, the shell) keeps it blocking */
	assert_false(fcntl(p[1], F_GETFL) & O_NONBLOCK);
	launch_out_close(&o);
	close(p[0]);
	close(p[1]);
}

static void test_full_pipe_does_not_block(void **state)
{
	static struct launch_out o;
	size_t written = 0;
	ssize_t n;
	char buf[4096];
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(launch_out_open(&o, p[1]), 0);
	/* bounded: the queue takes no more than its size */
	assert_int_equal(put_bytes(&o, 'a', LAUNCH_OUT_SIZE), LAUNCH_OUT_SIZE);
	assert_int_equal(launch_out_room(&o), 0);
	assert_int_equal(put_bytes(&o, 'b', 10), 0);
	/* the reader takes nothing: the pipe fills, and the rest stays queued */
	while ((n = launch_out_flush(&o)) > 0) {
		written += (size_t)n;
		put_bytes(&o, 'c', launch_out_room(&o));
	}
	assert_int_equal(n, 0);
	assert_true(written > 0);
	assert_int_equal(launch_out_pending(&o), LAUNCH_OUT_SIZE);
	assert_int_equal(read(p[0], buf, sizeof(buf)), sizeof(buf));
	assert_true(launch_out_flush(&o) > 0);
	launch_out_close(&o);
	close(p[0]);
	close(p[1]);
}

static void test_queue_wraps(void **state)
{
	static struct launch_out o;
	char buf[8] = { 0 };
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(launch_out_open(&o, p[1]), 0);
	assert_int_equal(launch_out_put(&o, "abc", 3), 3);
	assert_int_equal(launch_out_flush(&o), 3);
	assert_int_equal(launch_out_pending(&o), 0);
	assert_int_equal(launch_out_put(&o, "defg", 4), 4);
	assert_int_equal(launch_out_flush(&o), 4);
	assert_int_equal(read(p[0], buf, sizeof(buf) - 1), 7);
	assert_string_equal(buf, "abcdefg");
	launch_out_close(&o);
	close(p[0]);
	close(p[1]);
}

/* A reader gone for good: the bytes are thrown away, and the queue never fills again. */
static void test_broken_output(void **state)
{
	static struct launch_out o;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(launch_out_open(&o, p[1]), 0);
	close(p[0]);
	launch_out_put(&o, "lost\n", 5);
	assert_int_equal(launch_out_flush(&o), -EPIPE);
	assert_int_equal(launch_out_pending(&o), 0);
	assert_int_equal(launch_out_room(&o), LAUNCH_OUT_SIZE);
	assert_int_equal(put_bytes(&o, 'x', LAUNCH_OUT_SIZE), LAUNCH_OUT_SIZE);
	assert_int_equal(launch_out_pending(&o), 0);
	launch_out_close(&o);
	close(p[1]);
}

static void test_other_outputs(void **state)
{
	static struct launch_out o;
	struct scratch *tmp = *state;
	const char *path = scratch_path(tmp, "file");
	int s[2], fd, rd;

	/* a file is written as it is */
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_int_equal(launch_out_open(&o, fd), 0);
	assert_int_equal(o.mode, LAUNCH_OUT_PLAIN);
	assert_int_equal(o.fd, fd);
	close(fd);
	unlink(path);
	/* a FIFO nobody reads is a broken output */
	path = scratch_path(tmp, "fifo");
	assert_int_equal(mkfifo(path, 0600), 0);
	rd = open(path, O_RDONLY | O_NONBLOCK);
	fd = open(path, O_WRONLY);
	close(rd);
	assert_int_equal(launch_out_open(&o, fd), 0);
	assert_int_equal(o.err, EPIPE);
	assert_int_equal(launch_out_room(&o), LAUNCH_OUT_SIZE);
	launch_out_close(&o);
	close(fd);
	unlink(path);
	/* a socket is sent to without waiting */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s), 0);
	assert_int_equal(launch_out_open(&o, s[1]), 0);
	assert_int_equal(o.mode, LAUNCH_OUT_SOCKET);
	for (;;) {
		ssize_t n;

		put_bytes(&o, 's', LAUNCH_OUT_SIZE);
		n = launch_out_flush(&o);
		assert_true(n >= 0);
		if (n == 0)
			break;
	}
	assert_true(launch_out_pending(&o) > 0);
	close(s[0]);
	close(s[1]);
}

static void test_write_within(void **state)
{
	static char fill[65536];
	int64_t t0;
	int p[2];

	(void)state;
	assert_int_equal(pipe2(p, O_NONBLOCK), 0);
	assert_int_equal(launch_write_within(p[1], "hi\n", 3, 1000), 0);
	while (write(p[1], fill, sizeof(fill)) > 0)
		;
	t0 = now_ms();
	assert_int_equal(launch_write_within(p[1], "stuck\n", 6, 200), -ETIMEDOUT);
	assert_true(now_ms() - t0 >= 200 && now_ms() - t0 < 2000);
	close(p[0]);
	assert_int_equal(launch_write_within(p[1], "gone\n", 5, 200), -EPIPE);
	close(p[1]);
}

/* The console relay with a reader that takes nothing: the console is no longer read while
 * the queue is full, and at the end the rest is scanned and counted as unwritten. */
static void test_relay_scans_what_the_reader_never_took(void **state)
{
	static struct launch_relay r;
	static char chunk[4096];
	struct pollfd p[2];
	size_t total = 0;
	int con[2], out[2], round;

	(void)state;
	assert_int_equal(pipe2(con, O_NONBLOCK), 0);
	/* room for all the console writes below: qemu would wait, this test cannot */
	assert_true(fcntl(con[1], F_SETPIPE_SZ, 1 << 20) >= 1 << 20);
	assert_int_equal(pipe(out), 0);
	assert_int_equal(launch_relay_open(&r, con[0], out[1]), 0);
	memset(chunk, 'x', sizeof(chunk));
	chunk[sizeof(chunk) - 1] = '\n';
	for (round = 0; round < 100; round++) {
		assert_int_equal(write(con[1], chunk, sizeof(chunk)), sizeof(chunk));
		total += sizeof(chunk);
		launch_relay_pollfds(&r, p);
		p[0].revents = p[0].fd >= 0 ? POLLIN : 0;
		p[1].revents = p[1].fd >= 0 ? POLLOUT : 0;
		launch_relay_events(&r, p);
	}
	assert_true(launch_relay_full(&r));
	launch_relay_pollfds(&r, p);
	assert_int_equal(p[0].fd, -1);
	assert_int_equal(p[1].fd, r.out.fd);
	assert_true(write(con[1], "rosetta-init: exit status 9\r\n", 29) == 29);
	total += 29;
	close(con[1]);
	assert_true(launch_relay_busy(&r));
	launch_relay_finish(&r);
	assert_int_equal(r.in, -1);
	assert_int_equal(r.scan.status, 9);
	/* what the reader has, plus what it never got, is all of it */
	assert_true(r.unwritten > 0 && r.unwritten < total);
	launch_relay_close(&r);
	close(out[0]);
	close(out[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_gets_a_description_of_its_own),
		cmocka_unit_test(test_full_pipe_does_not_block),
		cmocka_unit_test(test_queue_wraps),
		cmocka_unit_test(test_broken_output),
		cmocka_unit_test_setup_teardown(test_other_outputs, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(test_write_within),
		cmocka_unit_test(test_relay_scans_what_the_reader_never_took),
	};

	/* as the launcher does: a reader gone is an EPIPE */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("launch_relay", tests, NULL, NULL);
}
