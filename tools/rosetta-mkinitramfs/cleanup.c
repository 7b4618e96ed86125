/* The signal handler and the name it removes. */
#include "cleanup.h"
#include "lib/array_size.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

/* Written only with the signals blocked, read only by the handler. */
static struct {
	volatile sig_atomic_t armed;
	pid_t owner;
	char path[PATH_MAX];
} pending;

/* errno is not restored: the program dies of the signal as soon as this returns. */
static void on_signal(int sig)
{
	if (pending.armed && getpid() == pending.owner)
		unlink(pending.path);
	/* Blocked while the handler runs: delivered, now with the default action, on return. */
	signal(sig, SIG_DFL);
	raise(sig);
}

int cleanup_install(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	size_t i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(signals); i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (i = 0; i < ARRAY_SIZE(signals); i++) {
		struct sigaction old;

		if (sigaction(signals[i], NULL, &old) < 0)
			return -errno;
		if (old.sa_handler == SIG_IGN)
			continue;
		if (sigaction(signals[i], &sa, NULL) < 0)
			return -errno;
	}
	return 0;
}

void cleanup_block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < ARRAY_SIZE(signals); i++)
		sigaddset(&set, signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

void cleanup_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

int cleanup_arm(const char *path)
{
	size_t len = strlen(path);

	if (len >= sizeof(pending.path))
		return -ENAMETOOLONG;
	pending.armed = 0;
	memcpy(pending.path, path, len + 1);
	pending.owner = getpid();
	pending.armed = 1;
	return 0;
}

void cleanup_disarm(const char *path)
{
	if (pending.armed && strcmp(pending.path, path) == 0)
		pending.armed = 0;
}
