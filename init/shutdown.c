/* Shutdown: the last thing PID 1 does. Waits are bounded so a process that
 * ignores SIGTERM cannot hold the VM up. */
#include "shutdown.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define TERM_WAIT_MS 3000u
#define KILL_WAIT_MS 1000u

/* Reap until no child is left or the time is up. Returns 1 when none is left. */
static int reap_all(unsigned int ms)
{
	uint64_t deadline = boot_ms() + ms;
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		struct timespec step = { .tv_sec = 0, .tv_nsec = 50 * 1000000L };

		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			return 1;
		if (boot_ms() >= deadline)
			return 0;
		sigtimedwait(&chld, NULL, &step);
	}
}

void shutdown_system(int how)
{
	if (kill(-1, SIGTERM) == 0 && !reap_all(TERM_WAIT_MS)) {
		log_warn("shutdown: processes left after %u ms, killing them", TERM_WAIT_MS);
		kill(-1, SIGKILL);
		reap_all(KILL_WAIT_MS);
	}
	sync();
	log_info("shutdown: %s", how == (int)RB_AUTOBOOT      ? "rebooting"
				 : how == (int)RB_HALT_SYSTEM ? "halting"
							      : "powering off");
	reboot(how);
	/* Only reached if the kernel refused; PID 1 must not exit. */
	for (;;)
		pause();
}
