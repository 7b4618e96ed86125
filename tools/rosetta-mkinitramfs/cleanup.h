/* Removing the named temporary output file when SIGINT, SIGTERM or SIGHUP ends the program.
 * This is the tool's one piece of global mutable state: a signal handler has nothing else to
 * go by. An unnamed (O_TMPFILE) output needs none of it: the kernel frees it with the last
 * descriptor. One name at a time is registered; the program writes one output. */
#ifndef MKINITRAMFS_CLEANUP_H
#define MKINITRAMFS_CLEANUP_H

#include <signal.h>

/* Installs the handler, which unlinks the registered name (in the process that registered
 * it, not in a child forked since) and then re-raises the signal, so that the program still
 * dies of it. A signal ignored when the program started stays ignored. Returns 0 or -errno. */
int cleanup_install(void);

/* Holds the three signals off, and lets them through again: around creating, registering,
 * renaming and removing a name, so that no name is ever left unregistered. */
void cleanup_block(sigset_t *old);
void cleanup_unblock(const sigset_t *old);

/* Registers path for removal; -ENAMETOOLONG past PATH_MAX. Call with the signals blocked. */
int cleanup_arm(const char *path);

/* Forgets path, if it is the one registered. Call with the signals blocked. */
void cleanup_disarm(const char *path);

#endif
