/* The signal state a child starts a program with. A handler does not
 * survive execve, but the signal mask and an ignored disposition do: a
 * child of a parent that blocks SIGCHLD or ignores SIGPIPE would pass that
 * on to a program that expects neither. */
#ifndef LIB_SIGNALS_H
#define LIB_SIGNALS_H

/* Unblock every signal and set every disposition to SIG_DFL: in a child
 * between fork and exec, or one that goes on alone and must die of the
 * signals others send it (async-signal-safe). Returns 0 or -errno. */
int signals_reset(void);

#endif
