/*
 * The guest console on its way to the standard output: read from qemu's pipe, watched by the
 * console scanner, and queued for the reader, who sets the pace. While the queue is full the
 * console is not read, so the guest waits for the reader as a program in a pipeline does,
 * and a reader that takes nothing stalls the guest, never the launcher: nothing here blocks.
 * At the end, what the reader did not take is still scanned. Never prints.
 */
#ifndef ROSETTA_LAUNCH_RELAY_H
#define ROSETTA_LAUNCH_RELAY_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "console.h"
#include "outbuf.h"

struct launch_relay {
	int in; /* qemu's console, -1 once at its end */
	struct launch_out out;
	struct console_scan scan;
	uint64_t unwritten;	  /* bytes of the console the reader never got */
	uint64_t entry_output_ms; /* monotonic_ms() when the entry's first line came, or 0 */
};

/* Relay from in (non-blocking) to out_fd. 0 or -errno. */
int launch_relay_open(struct launch_relay *r, int in, int out_fd);

/* p[0] and p[1]: the console when the queue has room, the output when bytes wait; a
 * pollfd with nothing to wait for has fd -1. */
void launch_relay_pollfds(const struct launch_relay *r, struct pollfd p[2]);

/* Act on what poll said of p, as filled by launch_relay_pollfds. */
void launch_relay_events(struct launch_relay *r, const struct pollfd p[2]);

/* The console is still open or bytes still wait for a working output. */
bool launch_relay_busy(const struct launch_relay *r);

/* The queue is full and the reader is taking nothing. */
bool launch_relay_full(const struct launch_relay *r);

/* The end: one last try to write, then the rest of the console (its writer is gone) goes to
 * the scanner only; what the reader did not get is counted in unwritten. */
void launch_relay_finish(struct launch_relay *r);

/* Close both ends. */
void launch_relay_close(struct launch_relay *r);

#endif
