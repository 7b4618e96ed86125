/* Timing program starts: spawn, wait, check the exit status. */
#ifndef BENCH_EXECLOOP_H
#define BENCH_EXECLOOP_H

#include <stddef.h>
#include <stdint.h>

/* Runs argv (argv[0] a path) with stdout and stderr on /dev/null, waits for
 * it and stores the wall time from spawn to reaped in *us. 0, -errno when
 * it could not be started, -EPROTO when it exited other than want_status. */
int exec_once(char *const argv[], int want_status, uint64_t *us);

/* The median of n samples (sorts them); 0 when n is 0. */
uint64_t median_us(uint64_t *samples, size_t n);

#endif
