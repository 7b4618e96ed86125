/* Every line goes to the console (fd 2) and, once /dev is mounted, to
 * /dev/kmsg so that dmesg keeps it. Kernel log priorities are chosen so that
 * a `quiet` console does not show a line twice. */
#include "log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The logging state, global because every stage and the supervisor log
 * through these functions and PID 1 has one console and one kernel log:
 * /dev/kmsg, opened once, the level the config stage sets, and the sink
 * that stands for the console in another program. */
static int kmsg_fd = -1;
static enum log_level level = LOG_LEVEL_NORMAL;
static log_sink_fn sink;
static void *sink_arg;

void log_open_kmsg(void)
{
	if (kmsg_fd < 0)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
}

void log_set_level(enum log_level new_level)
{
	level = new_level;
}

void log_set_sink(log_sink_fn fn, void *arg)
{
	sink = fn;
	sink_arg = arg;
}

/* A line reaches the console from level console_from on, the kernel log from
 * kmsg_from on. */
static void emit(int prio, const char *label, enum log_level console_from, enum log_level kmsg_from,
		 const char *fmt, va_list ap)
{
	char msg[1024], line[1100];
	bool console = level >= console_from, kmsg = kmsg_fd >= 0 && level >= kmsg_from;
	uint64_t ms = boot_ms();
	int n;

	if (!console && !kmsg)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (console && sink) {
		sink(sink_arg, label, msg);
	} else if (console) {
		n = snprintf(line, sizeof(line), "rosetta-init: [%5llu.%03llu] %s%s\n",
			     (unsigned long long)(ms / 1000), (unsigned long long)(ms % 1000),
			     label, msg);
		if (n > 0)
			(void)!write(STDERR_FILENO, line, strnlen(line, sizeof(line)));
	}
	if (kmsg) {
		n = snprintf(line, sizeof(line), "<%d>rosetta-init: %s%s\n", prio, label, msg);
		if (n > 0)
			(void)!write(kmsg_fd, line, strnlen(line, sizeof(line)));
	}
}

#define DEFINE_LOG(fn, prio, label, console_from, kmsg_from)                                       \
	void fn(const char *fmt, ...)                                                              \
	{                                                                                          \
		va_list ap;                                                                        \
		va_start(ap, fmt);                                                                 \
		emit(prio, label, console_from, kmsg_from, fmt, ap);                               \
		va_end(ap);                                                                        \
	}

/* The console loglevel under `quiet` is 4: priority 4 and 6 lines stay off it,
 * and priority 7 (debug) stays off even the default loglevel 7. Info lines
 * always reach the kernel log, so rosetta.quiet keeps them in dmesg. */
DEFINE_LOG(log_debug, 7, "debug: ", LOG_LEVEL_DEBUG, LOG_LEVEL_DEBUG)
DEFINE_LOG(log_info, 6, "", LOG_LEVEL_NORMAL, LOG_LEVEL_QUIET)
DEFINE_LOG(log_warn, 4, "warning: ", LOG_LEVEL_QUIET, LOG_LEVEL_QUIET)
DEFINE_LOG(log_error, 4, "error: ", LOG_LEVEL_QUIET, LOG_LEVEL_QUIET)
