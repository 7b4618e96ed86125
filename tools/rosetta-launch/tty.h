/*
 * The state of the launcher's stdin, which qemu shares: qemu makes a terminal raw and
 * the file non-blocking, and undoes that when it exits normally but not when killed.
 */
#ifndef ROSETTA_LAUNCH_TTY_H
#define ROSETTA_LAUNCH_TTY_H

#include <stdbool.h>
#include <termios.h>

struct launch_tty {
	int flags; /* file status flags, -1 when unknown */
	bool have_termios;
	struct termios termios;
};

void launch_tty_save(struct launch_tty *t, int fd);

/* Put back what was saved; the terminal only when we are in its foreground. */
void launch_tty_restore(const struct launch_tty *t, int fd);

#endif
