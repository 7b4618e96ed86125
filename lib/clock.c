/* Millisecond clocks; see clock.h. */
#include "clock.h"

#include <errno.h>
#include <time.h>

static uint64_t clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t monotonic_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

uint64_t boot_ms(void)
{
	return clock_ms(CLOCK_BOOTTIME);
}

int ms_until(uint64_t deadline)
{
	uint64_t now = monotonic_ms();

	if (now >= deadline)
		return 0;
	return deadline - now > INT32_MAX ? INT32_MAX : (int)(deadline - now);
}

void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
