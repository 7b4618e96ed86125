/* Parsing one line of the kernel's ftrace text output
 * (/sys/kernel/tracing/trace). Times are the event's trace timestamp in
 * microseconds; booted with trace_clock=boot, that is CLOCK_BOOTTIME, taken
 * by the kernel for both inits alike. */
#ifndef BENCH_TRACE_H
#define BENCH_TRACE_H

#include <stdint.h>

enum trace_kind {
	TRACE_EVENT,	 /* "NAME: ARGS", a tracepoint such as sched_process_exec */
	TRACE_SYS_ENTER, /* "sys_NAME(ARGS)", a syscalls:sys_enter_NAME event */
	TRACE_SYS_EXIT,	 /* "sys_NAME -> RET", a syscalls:sys_exit_NAME event */
};

/* One parsed line. name and args point into the line. */
struct trace_event {
	enum trace_kind kind;
	unsigned pid;
	uint64_t us;
	const char *name; /* "sched_process_exec", "sys_finit_module", ... */
	const char *args; /* what follows "NAME: ", "NAME(" or "NAME -> " */
};

/* 0 for an event line, -1 for a header, comment or malformed line. Cuts
 * the line at the end of the event name. */
int trace_parse_line(char *line, struct trace_event *ev);

#endif
