/* Ending the system from PID 1. */
#ifndef INIT_SHUTDOWN_H
#define INIT_SHUTDOWN_H

#include <sys/reboot.h>
#include <sys/types.h>

/* After SIGKILL, how long to wait for the last processes to be reaped. */
#define SHUTDOWN_KILL_WAIT_MS 2000u

struct shutdown_opts {
	unsigned int timeout_ms; /* from SIGTERM to SIGKILL (rosetta.shutdown.timeout) */
	const char *binfmt_dir;	 /* its entries with flag F are removed; NULL: none */
	const char *mountinfo;	 /* /proc/self/mountinfo; NULL: unmount nothing */
	const char *root;	 /* mounts below it are unmounted, it is remounted read-only */
	/* Each child reaped while processes are stopped (the entry's status). */
	void (*reaped)(void *arg, pid_t pid, int status);
	/* NULL: reboot(2). Tests print the action instead. */
	void (*reboot)(void *arg, int how);
	void *arg; /* for reaped and reboot */
};

/* The guest's: 5 s, /proc/sys/fs/binfmt_misc, /proc/self/mountinfo, /. */
void shutdown_defaults(struct shutdown_opts *o);

/* "powering off", "halting", "rebooting" for an RB_* command. */
const char *shutdown_action_name(int how);

/* SIGTERM (and SIGCONT) to every process, reap until none is left or
 * o->timeout_ms, then SIGKILL and reap for SHUTDOWN_KILL_WAIT_MS. Returns
 * the number of processes reaped. */
unsigned int shutdown_stop_processes(const struct shutdown_opts *o);

/* Remove every binfmt_misc entry in dir with flag F: each holds its
 * interpreter open, which would keep its filesystem busy. Logs each. */
void shutdown_unregister_pinning(const char *dir);

/* Unmount every mount below root, walking libmount's table of mountinfo
 * backwards (read whole first, so unmounting /proc does not cut it short);
 * devtmpfs, proc and sysfs are left mounted; a busy one is
 * remounted read-only instead. Then remount root itself read-only. Every
 * failure is logged and the rest goes on. */
void shutdown_unmount_all(const char *mountinfo, const char *root);

/* Stop every process, sync, unregister, unmount, sync, then o->reboot(o->arg, how)
 * with an RB_* command. Every wait is bounded. Never returns, and never
 * lets PID 1 exit. */
void __attribute__((noreturn)) shutdown_run(const struct shutdown_opts *o, int how);

/* shutdown_run with shutdown_defaults. */
void __attribute__((noreturn)) shutdown_system(int how);

#endif
