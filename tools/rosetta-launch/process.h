/*
 * Starting and stopping the launcher's children (virtiofsd, qemu), and the process set-up
 * and clock they need. The caller blocks SIGCHLD and reads it from a signalfd; children
 * start with an empty signal mask and default dispositions, and get SIGTERM if the launcher
 * dies. Each returns 0 or -errno.
 */
#ifndef ROSETTA_LAUNCH_PROCESS_H
#define ROSETTA_LAUNCH_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct launch_spawn {
	char *const *argv; /* argv[0] is the program's path */
	int in;		   /* fds for the child's stdin, stdout, stderr; -1 inherits */
	int out;
	int err;
	bool own_pgrp; /* keep it out of the terminal's job control signals */
	/* When set, the child runs in a mount namespace of its own in which this directory
	 * (absolute) is a read-only bind mount of itself, submounts included. Needs root. */
	const char *ro_dir;
};

/* Fork and exec; an exec failure, or a failure to set up ro_dir, comes back as its errno,
 * not as a child that exits. */
int launch_spawn(const struct launch_spawn *sp, pid_t *pid);

/* 1 and *status set when pid has exited (and is reaped now), 0 while it runs. */
int launch_try_reap(pid_t pid, int *status);

/*
 * Wait up to timeout_ms for pid to exit; sigfd is a non-blocking signalfd for SIGCHLD
 * (whatever else it holds is read and dropped: this is for winding down). -ETIMEDOUT if
 * pid still runs.
 */
int launch_wait_exit(int sigfd, pid_t pid, int timeout_ms, int *status);

/* SIGTERM, up to grace_ms for it to exit, then SIGKILL; pid is reaped on return. */
int launch_stop(int sigfd, pid_t pid, int grace_ms, int *status);

/* monotonic_ms() (lib/clock.h) as the launcher's deadlines hold it: signed, -1 being none. */
int64_t launch_now_ms(void);

/* The earlier of two launch_now_ms deadlines, -1 meaning none. */
int64_t launch_earliest(int64_t a, int64_t b);

/* poll's timeout until deadline t: -1 for none, 0 once past. */
int launch_ms_until(int64_t t);

/* Open stdin, stdout and stderr on /dev/null where closed: the next open() would take the
 * number, and a child would write its output into that file. */
int launch_ensure_stdio(void);

/* Block SIGCHLD, SIGINT, SIGTERM and SIGHUP into a non-blocking signalfd, and ignore SIGPIPE:
 * a reader of our output going away must not kill us before we clean up. */
int launch_signals_open(int *sigfd);

/* A child that reads nothing (/dev/null) and writes its messages to the file log, for the
 * launcher to quote when it fails. */
int launch_log_io(const char *log, int *in, int *out);

#endif
