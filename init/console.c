/* A session on the console for the entry and the debug shell: job control
 * (ctrl-c, ctrl-z) works only for a session leader with a controlling tty. */
#include "console.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lib/signals.h"

int console_session(const char *console)
{
	int fd, r = 0;

	signals_reset();
	if (setsid() < 0)
		return -errno;
	if (!console)
		return 0;
	fd = open(console, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, TIOCSCTTY, 0) < 0)
		r = -errno;
	for (int i = 0; i < 3; i++)
		dup2(fd, i);
	close(fd);
	return r;
}
