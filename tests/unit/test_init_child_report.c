/* A child of PID 1 with one report (init/child_report.c): its report is read
 * whole and the child reaped; one stopped before it reports is killed and
 * reaped at once; stopping none does nothing. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init/child_report.h"
#include "init/context.h"
#include "lib/clock.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define REPORT "virtio_blk ext4"

static int report(struct boot_ctx *ctx, int fd)
{
	(void)ctx;
	return write(fd, REPORT, strlen(REPORT)) == (ssize_t)strlen(REPORT) ? 0 : 1;
}

static int hang(struct boot_ctx *ctx, int fd)
{
	(void)ctx, (void)fd;
	pause();
	return 1;
}

static void assert_none_and_reaped(const struct child_report *c, pid_t pid)
{
	assert_int_equal(c->pid, 0);
	assert_int_equal(c->fd, -1);
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void report_is_read_and_child_reaped(void **state)
{
	struct child_report c = CHILD_REPORT_NONE;
	char buf[64];
	ssize_t n;
	pid_t pid;

	(void)state;
	assert_int_equal(child_report_begin(&c, report, NULL), 0);
	pid = c.pid;
	assert_true(pid > 0);
	n = child_report_collect(&c, buf, sizeof(buf), monotonic_ms() + 10000);
	assert_int_equal(n, strlen(REPORT));
	assert_memory_equal(buf, REPORT, n);
	assert_none_and_reaped(&c, pid);
}

/* Killed at once: not given the 2 s that a child which reported has to end. */
static void stopped_child_is_killed_and_reaped(void **state)
{
	struct child_report c = CHILD_REPORT_NONE;
	uint64_t start;
	pid_t pid;

	(void)state;
	assert_int_equal(child_report_begin(&c, hang, NULL), 0);
	pid = c.pid;
	start = monotonic_ms();
	child_report_stop(&c);
	assert_true(monotonic_ms() - start < 2000);
	assert_none_and_reaped(&c, pid);
}

static void stopping_none_does_nothing(void **state)
{
	struct child_report c = CHILD_REPORT_NONE;

	(void)state;
	child_report_stop(&c);
	assert_int_equal(c.pid, 0);
	assert_int_equal(c.fd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_is_read_and_child_reaped),
		cmocka_unit_test(stopped_child_is_killed_and_reaped),
		cmocka_unit_test(stopping_none_does_nothing),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("init_child_report", tests, NULL, NULL);
}
