/* A child of PID 1 that does part of the boot alongside it and hands back
 * one report through a pipe: begun before one stage, collected by a later
 * one with a bounded wait (the self-test's runner, the root's preloader). */
#ifndef INIT_CHILD_REPORT_H
#define INIT_CHILD_REPORT_H

#include <stdint.h>
#include <sys/types.h>

struct boot_ctx;

struct child_report {
	pid_t pid;	     /* 0: none running */
	int fd;		     /* the report's read end, -1: none */
	uint64_t started_ms; /* monotonic_ms() at the fork */
};

#define CHILD_REPORT_NONE ((struct child_report){ .pid = 0, .fd = -1 })

/* What the child runs: it writes its report to fd (one write(2) of at most
 * PIPE_BUF bytes, so it arrives whole) and returns its exit status. */
typedef int (*child_work_fn)(struct boot_ctx *ctx, int fd);

/* Fork a child that runs work with its signals reset (it is not PID 1:
 * shutdown's SIGTERM must end it). Returns 0, or -errno with no child. */
int child_report_begin(struct child_report *c, child_work_fn work, struct boot_ctx *ctx);

/* Read the report into buf, at most size bytes, waiting until deadline
 * (monotonic_ms). Returns the bytes read (the one write's, so fewer than
 * the child meant only if it broke the rule above),
 * -ETIME when nothing came by the deadline (the child is killed) or -EPIPE
 * when it ended without a word. The child is reaped, or killed when it has
 * not ended 2 s after its report; one that does not end even then (stuck in
 * the kernel) is left to PID 1's reaper rather than waited for. *c is none
 * after, whatever the outcome. */
ssize_t child_report_collect(struct child_report *c, void *buf, size_t size, uint64_t deadline);

/* Kill the child, if one runs, and reap it as collect does; its report is
 * dropped. For a boot that has stopped: nothing of it runs on behind the
 * emergency shell. *c is none after. */
void child_report_stop(struct child_report *c);

#endif
