/* A boot's milestones, read from its trace: when /init started, when the
 * init said its modules and its register stage were done, when the entry
 * was exec'd and printed its first line, how long the kernel spent loading
 * modules, and how many system calls the init made. */
#ifndef BENCH_MARKS_H
#define BENCH_MARKS_H

#include <stdbool.h>

#include "trace.h"

/* Pids the kernel hands out at boot stay far below this; larger ones are
 * not tracked (and not counted). */
#define MARKS_PID_SLOTS 32768

/* The milestones of one boot. 0 means "not seen". */
struct boot_marks {
	uint64_t init_exec;	 /* PID 1 execs /init (or rdinit=) */
	uint64_t modules_done;	 /* the init's "modules ... ok" kernel log line */
	uint64_t register_done;	 /* its "register ... ok" line */
	uint64_t entry_execve;	 /* the execve() that starts the entry, entered */
	uint64_t entry_exec;	 /* that exec done (sched_process_exec) */
	uint64_t entry_line;	 /* the entry's first write to stdout */
	uint64_t module_load_us; /* time inside finit_module/init_module */
	unsigned module_loads;
	unsigned entry_pid;
	/* Counted on a second pass, once entry_execve is known: system calls
	 * (raw_syscalls:sys_enter) by PID 1 and by the processes it started,
	 * from /init's exec to the entry's execve, both included. */
	unsigned long syscalls_pid1;
	unsigned long syscalls_all;
	unsigned processes;
};

/* The state of a pass over a trace: per-pid bookkeeping is too large for a
 * PID 1's stack, so it is allocated. */
struct marks_reader;

struct marks_reader *marks_reader_new(const char *entry_path);
void marks_reader_free(struct marks_reader *r);
/* Feed every event of the trace in order, once for pass 1 and once more
 * for pass 2 (marks_reader_next_pass between them). */
void marks_reader_feed(struct marks_reader *r, const struct trace_event *ev);
void marks_reader_next_pass(struct marks_reader *r);
const struct boot_marks *marks_reader_marks(const struct marks_reader *r);

/* The first milestone missing, described, or NULL when there is none.
 * timing: the boot was traced for timing (trace events of bench/run's
 * TIMING_EVENTS), not only for counting system calls. */
const char *boot_marks_missing(const struct boot_marks *m, bool timing);

#endif
