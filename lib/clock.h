/* Milliseconds, in 64 bits, for deadlines and timestamps, and sleeping in
 * them. */
#ifndef LIB_CLOCK_H
#define LIB_CLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC in milliseconds: for deadlines a wall clock change must
 * not move. */
uint64_t monotonic_ms(void);

/* CLOCK_BOOTTIME in milliseconds: since the kernel started, suspend
 * included, as the kernel's own log stamps its lines. */
uint64_t boot_ms(void);

/* Milliseconds from monotonic_ms() to deadline, as poll(2) takes them:
 * 0 once it has passed, at most INT32_MAX. */
int ms_until(uint64_t deadline);

/* Sleep ms milliseconds, through signals. */
void sleep_ms(unsigned int ms);

#endif
