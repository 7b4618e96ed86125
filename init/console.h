/* Giving a child process of PID 1 the console. */
#ifndef INIT_CONSOLE_H
#define INIT_CONSOLE_H

#define CONSOLE_PATH "/dev/console"

/* In a freshly forked child: unblock every signal PID 1 blocks, start a new
 * session, make console (normally CONSOLE_PATH; NULL keeps the inherited
 * fds, as host tests do) its controlling terminal and fds 0-2. Returns 0 or
 * -errno (the caller may still exec without a terminal). */
int console_session(const char *console);

#endif
