/*
 * The launcher's children, qemu (or vfkit in its place) and one virtiofsd per served share: reaping
 * them as SIGCHLD comes, stopping them, and telling a virtiofsd that ends on its own while qemu
 * runs (the guest's file server gone) from one that ends because the guest went away. Never prints.
 */
#ifndef ROSETTA_LAUNCH_CHILDREN_H
#define ROSETTA_LAUNCH_CHILDREN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "plan.h"

struct launch_child {
	pid_t pid;
	bool running;
	bool stopped; /* we sent it SIGTERM: its status says nothing about its health */
	int status;   /* its wait status once it ended */
	int64_t ended_at;
};

struct launch_children {
	struct launch_child qemu;
	struct launch_child vfs[LAUNCH_MAX_SHARES];
	size_t nvfs;
};

void launch_children_init(struct launch_children *c, size_t nvfs);

/* Reap whichever children have exited; now (launch_now_ms) stamps their end. */
void launch_children_reap(struct launch_children *c, int64_t now);

/*
 * The virtiofsd whose end, while qemu still runs, means the guest lost a file server: one
 * that failed (killed by a signal, or a non-zero status) at once; one that exited 0 only when
 * qemu has not followed it within grace_ms, since a virtiofsd's normal end is qemu closing
 * the connection as it exits. Its index, or -1.
 */
int launch_children_lost_share(const struct launch_children *c, int64_t now, int grace_ms);

/* When an exit 0 still in its grace would count as a loss, for the caller's poll; -1 none. */
int64_t launch_children_grace_end(const struct launch_children *c, int grace_ms);

/* A virtiofsd that failed on its own, not stopped by us: its index, or -1. */
int launch_children_failed_share(const struct launch_children *c);

/* Stop what still runs: qemu (SIGTERM, SIGKILL after qemu_grace_ms), then each virtiofsd;
 * sigfd is the launcher's signalfd for SIGCHLD. */
void launch_children_stop(struct launch_children *c, int sigfd, int qemu_grace_ms,
			  int vfs_grace_ms);

#endif
