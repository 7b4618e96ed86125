/* Timing program starts: spawn, wait, check the exit status; several kinds
 * of program measured in turns, and their medians. make bench's probe and
 * rosettactl bench measure with the same loop. */
#ifndef LIB_EXECLOOP_H
#define LIB_EXECLOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Runs argv (argv[0] a path) with stdout and stderr on /dev/null, waits for
 * it and stores the wall time from spawn to reaped in *us. 0, -errno when
 * it could not be started, -EPROTO when it exited other than want_status. */
int exec_once(char *const argv[], int want_status, uint64_t *us);

/* The median of n samples (sorts them); 0 when n is 0. */
uint64_t median_us(uint64_t *samples, size_t n);

/* One kind of program start: what runs, the status it must exit with, and
 * room for one sample per run. */
struct exec_case {
	char *const *argv;
	int want_status;
	uint64_t *samples;
};

/* Where exec_cases_time stopped: the case, and whether in its first,
 * uncounted start. */
struct exec_stop {
	size_t index;
	bool warming;
};

/* Time runs starts of each of the n cases. Each case first starts once,
 * uncounted (the page cache); then round i begins at case i % n, so that no
 * kind always runs right after the same other one. Returns 0, or exec_once's
 * error for the first start that failed, named in *stop. */
int exec_cases_time(struct exec_case *cases, size_t n, unsigned int runs, struct exec_stop *stop);

#endif
