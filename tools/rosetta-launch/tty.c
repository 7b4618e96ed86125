/* Saving and restoring the shared stdin; see tty.h. */
#include <fcntl.h>
#include <unistd.h>

#include "tty.h"

void launch_tty_save(struct launch_tty *t, int fd)
{
	t->flags = fcntl(fd, F_GETFL);
	t->have_termios = tcgetattr(fd, &t->termios) == 0;
}

void launch_tty_restore(const struct launch_tty *t, int fd)
{
	if (t->flags >= 0)
		fcntl(fd, F_SETFL, t->flags);
	/* From a background process group, tcsetattr would stop us with SIGTTOU. */
	if (t->have_termios && tcgetpgrp(fd) == getpgrp())
		tcsetattr(fd, TCSADRAIN, &t->termios);
}
