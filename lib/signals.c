/* Resetting the signal state for exec; see signals.h. */
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>

int signals_reset(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	/* SIGKILL and SIGSTOP cannot be changed; libc keeps a few real-time
	 * signals for itself and answers EINVAL for those too. */
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sigaction(sig, &dfl, NULL) < 0 &&
		    errno != EINVAL)
			return -errno;
	sigemptyset(&none);
	return sigprocmask(SIG_SETMASK, &none, NULL) < 0 ? -errno : 0;
}
