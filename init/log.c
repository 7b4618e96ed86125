/* Every line goes to the console (fd 2) and, once /dev is mounted, to
 * /dev/kmsg so that dmesg keeps it. Kernel log priorities are chosen so that
 * a `quiet` console does not show a line twice. */
#include "log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The one piece of logging state: PID 1 opens /dev/kmsg once. */
static int kmsg_fd = -1;

uint64_t boot_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void log_open_kmsg(void)
{
	if (kmsg_fd < 0)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
}

static void emit(int prio, const char *label, const char *fmt, va_list ap)
{
	char msg[1024], line[1100];
	uint64_t ms = boot_ms();
	int n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = snprintf(line, sizeof(line), "rosetta-init: [%5llu.%03llu] %s%s\n",
		     (unsigned long long)(ms / 1000), (unsigned long long)(ms % 1000), label, msg);
	if (n > 0)
		(void)!write(STDERR_FILENO, line, strnlen(line, sizeof(line)));
	if (kmsg_fd >= 0) {
		n = snprintf(line, sizeof(line), "<%d>rosetta-init: %s%s\n", prio, label, msg);
		if (n > 0)
			(void)!write(kmsg_fd, line, strnlen(line, sizeof(line)));
	}
}

#define DEFINE_LOG(fn, prio, label)                                                                \
	void fn(const char *fmt, ...)                                                              \
	{                                                                                          \
		va_list ap;                                                                        \
		va_start(ap, fmt);                                                                 \
		emit(prio, label, fmt, ap);                                                        \
		va_end(ap);                                                                        \
	}

/* The console loglevel under `quiet` is 4: priority 4 and 6 lines stay off it. */
DEFINE_LOG(log_info, 6, "")
DEFINE_LOG(log_warn, 4, "warning: ")
DEFINE_LOG(log_error, 4, "error: ")
