/*
 * Starting and stopping the launcher's children (virtiofsd, qemu). The caller blocks
 * SIGCHLD and reads it from a signalfd; children start with an empty signal mask and
 * default dispositions, and get SIGTERM if the launcher dies. Each returns 0 or -errno.
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

/* "exited with status N" or "was killed by SIGX", for a wait status. */
void launch_describe_status(int status, char *buf, size_t size);

/* CLOCK_MONOTONIC in milliseconds. */
int64_t launch_now_ms(void);

#endif
