/* A boot's milestones, read from its trace: when /init started, when the
 * init said its modules and its register stage were done, when the entry
 * was exec'd and printed its first line, how long the kernel spent loading
 * modules, and how many system calls the init made; for rosetta-init, when
 * each of its stages ended and PID 1's system calls in each, and PID 1's
 * system calls by number, counted and timed. */
#ifndef BENCH_MARKS_H
#define BENCH_MARKS_H

#include <stdbool.h>

#include "trace.h"
#include "lib/contract.h"

/* Pids the kernel hands out at boot stay far below this; larger ones are
 * not tracked (and not counted). */
#define MARKS_PID_SLOTS 32768

/* arm64's system call numbers stay below this (asm-generic's __NR_syscalls
 * is under 500); larger ones are counted in the totals only. */
#define MARKS_NR_SLOTS 512

/* PID 1's calls kept in order, for a listing. */
#define MARKS_SEQ_MAX 2048

/* System calls of PID 1: how many, and the time from each one's sys_enter
 * to its sys_exit, cut at the entry's execve. */
struct syscall_tally {
	unsigned long calls;
	uint64_t us;
};

/* The milestones of one boot. 0 means "not seen". */
struct boot_marks {
	uint64_t init_exec;	 /* PID 1 execs /init (or rdinit=) */
	uint64_t modules_done;	 /* the init's "modules ... ok" kernel log line */
	uint64_t register_done;	 /* its "register ... ok" line */
	uint64_t entry_execve;	 /* the execve() that starts the entry, entered */
	uint64_t entry_exec;	 /* that exec done (sched_process_exec) */
	uint64_t entry_line;	 /* the entry's first write to stdout */
	uint64_t module_load_us; /* time a tracked process was in finit_/init_module */
	unsigned module_loads;
	unsigned entry_pid;
	/* Counted on a second pass, once entry_execve is known: system calls
	 * (raw_syscalls:sys_enter) by PID 1 and by the processes it started,
	 * from /init's exec to the entry's execve, both included. */
	unsigned long syscalls_pid1;
	unsigned long syscalls_all;
	unsigned processes;
	/* rosetta-init's "NAME ... ok" kernel log lines, by enum stage. Run
	 * has none before the entry starts: it ends at entry_execve. */
	uint64_t stage_done[STAGE_COUNT];
	/* Counted on the second pass from raw_syscalls:sys_enter and
	 * sys_exit, PID 1 only, in the same window: by the stage a call
	 * entered in (when every stage mark is there), and by number. */
	struct syscall_tally by_stage[STAGE_COUNT];
	struct syscall_tally by_nr[MARKS_NR_SLOTS];
	struct syscall_tally pid1;
	/* PID 1's calls in the window in order, the first MARKS_SEQ_MAX: each
	 * one's number (-1 beyond MARKS_NR_SLOTS) and stage (-1 without
	 * rosetta-init's marks), for bench.calls=1. */
	short seq_nr[MARKS_SEQ_MAX];
	signed char seq_stage[MARKS_SEQ_MAX];
	unsigned seq_n;
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

/* Whether every boot stage before run logged its "NAME ... ok" line, as
 * rosetta-init does (the reference init marks only two). */
bool boot_marks_has_stages(const struct boot_marks *m);

/* When stage began and ended, in trace microseconds: the previous stage's
 * end (the init's exec for the first), its own mark (the entry's execve
 * for run). 0 when boot_marks_has_stages is false. */
uint64_t boot_marks_stage_start(const struct boot_marks *m, enum stage stage);
uint64_t boot_marks_stage_end(const struct boot_marks *m, enum stage stage);

#endif
