/* bench/trace.c, one line of ftrace's text output, and bench/marks.c, a
 * boot's milestones read from its trace in two passes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bench/marks.h"
#include "bench/trace.h"
#include "lib/array_size.h"

#define ENTRY "/usr/lib/rosetta-bench/entry"

/* One trace line as the kernel prints it: COMM-PID, CPU, flags, time. */
#define LINE(task, secs, event)	  "            " task "       [000] .....     " secs ": " event
#define LINE_D(task, secs, event) "            " task "       [001] d....     " secs ": " event
#define RAW(task, secs, nr)	  LINE(task, secs, "sys_enter: NR " nr " (aaaa, bbbb, cccc, 0, 0, 0)")
#define RAW_EXIT(task, secs, nr)  LINE(task, secs, "sys_exit: NR " nr " = 0")
#define STAGE_OK(secs, name)	  LINE_D("init-1", secs, "console: rosetta-init: " name " ... ok (1 ms)")
#define N(lines)		  (ARRAY_SIZE(lines))

static char line_buf[512];

/* Copies line (and a newline, as getline() leaves it) and parses the copy. */
static int parse_nl(const char *line, bool newline, struct trace_event *ev)
{
	int n = snprintf(line_buf, sizeof(line_buf), "%s%s", line, newline ? "\n" : "");

	assert_true(n >= 0 && (size_t)n < sizeof(line_buf));
	return trace_parse_line(line_buf, ev);
}

static int parse(const char *line, struct trace_event *ev)
{
	return parse_nl(line, false, ev);
}

static void feed(struct marks_reader *r, const char *const *lines, size_t n, bool newline)
{
	struct trace_event ev;
	size_t i;

	for (i = 0; i < n; i++) {
		if (parse_nl(lines[i], newline, &ev) == 0)
			marks_reader_feed(r, &ev);
	}
}

/* Both passes over lines, as bench/probe does. */
static struct boot_marks read_marks_nl(const char *const *lines, size_t n, bool newline)
{
	struct marks_reader *r = marks_reader_new(ENTRY);
	struct boot_marks m;

	assert_non_null(r);
	feed(r, lines, n, newline);
	marks_reader_next_pass(r);
	feed(r, lines, n, newline);
	m = *marks_reader_marks(r);
	marks_reader_free(r);
	return m;
}

static struct boot_marks read_marks(const char *const *lines, size_t n)
{
	return read_marks_nl(lines, n, false);
}

static void assert_event(const struct trace_event *ev, enum trace_kind kind, unsigned pid,
			 uint64_t us, const char *name, const char *args)
{
	assert_int_equal(ev->kind, kind);
	assert_int_equal(ev->pid, pid);
	assert_int_equal(ev->us, us);
	assert_string_equal(ev->name, name);
	assert_string_equal(ev->args, args);
}

static void test_parse_exec(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("            init-1       [000] .....     8.315181: "
			       "sched_process_exec: filename=/init pid=1 old_pid=1",
			       &ev),
			 0);
	assert_event(&ev, TRACE_EVENT, 1, 8315181, "sched_process_exec",
		     "filename=/init pid=1 old_pid=1");
}

static void test_parse_console(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("            init-1       [000] d....     9.154539: "
			       "console: rosetta-init: modules ... ok (778 ms)",
			       &ev),
			 0);
	assert_event(&ev, TRACE_EVENT, 1, 9154539, "console",
		     "rosetta-init: modules ... ok (778 ms)");
}

static void test_parse_sys_enter(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("              sh-88      [001] .....     9.518205: sys_execve("
			       "filename: fffffb958bfc, argv: fffffb959000, envp: fffffb954770)",
			       &ev),
			 0);
	assert_event(&ev, TRACE_SYS_ENTER, 88, 9518205, "sys_execve",
		     "filename: fffffb958bfc, argv: fffffb959000, envp: fffffb954770)");
	assert_int_equal(parse("              sh-88      [001] .....    10.789859: "
			       "sys_write(fd: 1, buf: 5ee340, count: 6)",
			       &ev),
			 0);
	assert_event(&ev, TRACE_SYS_ENTER, 88, 10789859, "sys_write",
		     "fd: 1, buf: 5ee340, count: 6)");
}

static void test_parse_sys_exit(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("            init-1       [000] .N...     7.634621: "
			       "sys_finit_module -> 0x0",
			       &ev),
			 0);
	assert_event(&ev, TRACE_SYS_EXIT, 1, 7634621, "sys_finit_module", "0x0");
}

static void test_parse_raw_sys_enter(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse(RAW("init-1", "8.400000", "221"), &ev), 0);
	assert_event(&ev, TRACE_EVENT, 1, 8400000, "sys_enter",
		     "NR 221 (aaaa, bbbb, cccc, 0, 0, 0)");
}

static void test_parse_comm_with_dashes_and_spaces(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("    kworker/u4:0-9       [000] .....     4.825536: "
			       "sched_process_fork: comm=kworker/u4:0 pid=9 "
			       "child_comm=kworker/u4:0 child_pid=68",
			       &ev),
			 0);
	assert_event(&ev, TRACE_EVENT, 9, 4825536, "sched_process_fork",
		     "comm=kworker/u4:0 pid=9 child_comm=kworker/u4:0 child_pid=68");
	assert_int_equal(parse("    my prog-x-12 [001] .....  1234.000001: sys_getpid()", &ev), 0);
	assert_event(&ev, TRACE_SYS_ENTER, 12, 1234000001, "sys_getpid", ")");
	assert_int_equal(
	    parse("           <...>-4711    [001] d.h1.     0.000000: console: x", &ev), 0);
	assert_event(&ev, TRACE_EVENT, 4711, 0, "console", "x");
}

/* bench/probe reads lines with getline(): the newline stays in the args. */
static void test_parse_keeps_newline_in_args(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse_nl(LINE("init-1", "7.634621", "sys_finit_module -> 0x0"), true, &ev),
			 0);
	assert_event(&ev, TRACE_SYS_EXIT, 1, 7634621, "sys_finit_module", "0x0\n");
}

static void test_parse_rejects_headers(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("# tracer: nop", &ev), -1);
	assert_int_equal(parse("#", &ev), -1);
	assert_int_equal(parse("# entries-in-buffer/entries-written: 287/287   #P:2", &ev), -1);
	assert_int_equal(parse("#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION", &ev),
			 -1);
	assert_int_equal(parse("#              | |         |   |||||     |         |", &ev), -1);
	/* a commented-out event is still a comment */
	assert_int_equal(parse("#" LINE("init-1", "8.315181", "console: x"), &ev), -1);
}

static void test_parse_rejects_malformed(void **state)
{
	struct trace_event ev;

	(void)state;
	assert_int_equal(parse("", &ev), -1);
	assert_int_equal(parse("\n", &ev), -1);
	/* no " [CPU]" */
	assert_int_equal(parse("            init-1       000 .....     8.315181: console: x", &ev),
			 -1);
	assert_int_equal(parse("            init-1       [] .....     8.315181: console: x", &ev),
			 -1);
	/* five or seven digits after the point, no point, no colon */
	assert_int_equal(parse(LINE("init-1", "8.31518", "console: x"), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "8.3151812", "console: x"), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "8315181", "console: x"), &ev), -1);
	assert_int_equal(parse("            init-1       [000] .....     8.315181 console: x", &ev),
			 -1);
	/* no pid, or no dash before it */
	assert_int_equal(parse("            init-       [000] .....     8.315181: console: x", &ev),
			 -1);
	assert_int_equal(parse("            init1       [000] .....     8.315181: console: x", &ev),
			 -1);
	/* no event, or an event without "(", ": " or " -> " */
	assert_int_equal(parse(LINE("init-1", "8.315181", ""), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "8.315181", "console"), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "8.315181", "console:x"), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "8.315181", "sys_sync - 0x0"), &ev), -1);
	/* a sign or a space where strtoull would take one, a pid out of range */
	assert_int_equal(parse(LINE("init-1", "8.+31518", "console: x"), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "8. 31518", "console: x"), &ev), -1);
	assert_int_equal(parse(LINE("init-1", "-1.000000", "console: x"), &ev), -1);
	assert_int_equal(parse(LINE("init-4294967297", "8.315181", "console: x"), &ev), -1);
}

/* rosetta-init: PID 1 loads modules, marks its stages in the kernel log
 * and forks the child that execs the entry. */
static const char *const rosetta_trace[] = {
	"# tracer: nop",
	"#",
	"# entries-in-buffer/entries-written: 30/30   #P:2",
	LINE("kthreadd-2", "0.363483",
	     "sched_process_fork: comm=kthreadd pid=2 child_comm=kthreadd child_pid=59"),
	LINE_D("swapper/0-1", "1.900000", "console: Run /init as init process"),
	LINE("swapper/0-1", "2.000000", "sched_process_exec: filename=/init pid=1 old_pid=1"),
	LINE("init-1", "2.100000", "sys_finit_module(fd: 3, uargs: 4671ae, flags: 0)"),
	LINE("kworker/u4:0-9", "2.150000",
	     "sched_process_fork: comm=kworker/u4:0 pid=9 child_comm=kworker/u4:0 child_pid=70"),
	LINE("kworker/u4:0-70", "2.155000",
	     "sched_process_exec: filename=/sbin/modprobe pid=70 old_pid=70"),
	LINE("modprobe-70", "2.160000", "sys_finit_module(fd: 0, uargs: 1234, flags: 0)"),
	LINE("init-1", "2.200000", "sys_finit_module -> 0x0"),
	LINE("modprobe-70", "2.250000", "sys_finit_module -> 0x0"),
	LINE("init-1", "2.300000", "sys_init_module(umod: ffff0000, len: 4096, uargs: 4671ae)"),
	LINE("init-1", "2.330500", "sys_init_module -> 0x0"),
	LINE_D("init-1", "2.400000", "console: rosetta-init: modules ... ok (400 ms)"),
	LINE_D("kworker/0:1-20", "2.450000", "console: fuse: init (API version 7.38)"),
	LINE_D("init-1", "2.500000", "console: rosetta-init: register ... ok (16 ms)"),
	LINE("init-1", "2.600000",
	     "sched_process_fork: comm=init pid=1 child_comm=init child_pid=88"),
	LINE("init-88", "2.650000", "sys_write(fd: 1, buf: 5ee340, count: 6)"),
	LINE("init-88", "2.700000",
	     "sys_execve(filename: fffffb958bfc, argv: fffffb959000, envp: fffffb954770)"),
	LINE("init-88", "2.750000",
	     "sched_process_exec: filename=/usr/lib/rosetta-bench/entry pid=88 old_pid=88"),
	LINE("init-1", "2.800000", "sys_finit_module(fd: 4, uargs: 4671ae, flags: 0)"),
	LINE("init-1", "2.810000", "sys_finit_module -> 0x0"),
	LINE("entry-88", "2.900000", "sys_write(fd: 2, buf: 5ee340, count: 6)"),
	LINE("init-1", "2.950000", "sys_write(fd: 1, buf: 5ee340, count: 6)"),
	LINE("entry-88", "2.960000", "sys_write(fd: 10, buf: 5ee340, count: 6)"),
	LINE("entry-88", "3.000000", "sys_write(fd: 1, buf: 5ee340, count: 6)"),
	LINE("entry-88", "3.100000", "sys_write(fd: 1, buf: 5ee340, count: 9)"),
};

static void assert_rosetta_marks(const struct boot_marks *m)
{
	assert_int_equal(m->init_exec, 2000000);
	assert_int_equal(m->modules_done, 2400000);
	assert_int_equal(m->register_done, 2500000);
	assert_int_equal(m->entry_execve, 2700000);
	assert_int_equal(m->entry_exec, 2750000);
	assert_int_equal(m->entry_line, 3000000);
	/* 100 ms of finit_module and 30.5 ms of init_module by PID 1 */
	assert_int_equal(m->module_load_us, 130500);
	assert_int_equal(m->module_loads, 2);
	assert_int_equal(m->entry_pid, 88);
	assert_int_equal(m->processes, 2);
	assert_int_equal(m->syscalls_pid1, 0);
	assert_int_equal(m->syscalls_all, 0);
	assert_null(boot_marks_missing(m, true));
	assert_null(boot_marks_missing(m, false));
}

static void test_marks_rosetta_init(void **state)
{
	struct boot_marks m = read_marks(rosetta_trace, N(rosetta_trace));

	(void)state;
	assert_rosetta_marks(&m);
}

static void test_marks_rosetta_init_getline_lines(void **state)
{
	struct boot_marks m = read_marks_nl(rosetta_trace, N(rosetta_trace), true);

	(void)state;
	assert_rosetta_marks(&m);
}

/* rosetta-init's preloader, a child of PID 1, loads a module while PID 1
 * loads one: the 100 ms they overlap count once. */
static const char *const overlapping_loads_trace[] = {
	LINE("swapper/0-1", "2.000000", "sched_process_exec: filename=/init pid=1 old_pid=1"),
	LINE("init-1", "2.010000",
	     "sched_process_fork: comm=init pid=1 child_comm=init child_pid=80"),
	LINE("init-80", "2.100000", "sys_finit_module(fd: 3, uargs: 4671ae, flags: 0)"),
	LINE("init-1", "2.200000", "sys_finit_module(fd: 3, uargs: 4671ae, flags: 0)"),
	LINE("init-80", "2.300000", "sys_finit_module -> 0x0"),
	LINE("init-1", "2.350000", "sys_finit_module -> 0x0"),
	LINE("init-1", "2.400000", "sys_finit_module(fd: 4, uargs: 4671ae, flags: 0)"),
	LINE("init-1", "2.450000", "sys_finit_module -> 0x0"),
};

static void test_marks_overlapping_loads(void **state)
{
	struct boot_marks m = read_marks(overlapping_loads_trace, N(overlapping_loads_trace));

	(void)state;
	/* 2.100 to 2.350, then 2.400 to 2.450: 300 ms, not the 400 ms summed. */
	assert_int_equal(m.module_load_us, 300000);
	assert_int_equal(m.module_loads, 3);
}

/* bench/reference-init: a busybox script; PID 1 ends with
 * `exec chroot . "$entry"`, so PID 1 itself becomes the entry. */
static const char *const reference_trace[] = {
	LINE("swapper/0-1", "1.000000",
	     "sched_process_exec: filename=/bench/reference-init pid=1 old_pid=1"),
	LINE("reference-init-1", "1.100000",
	     "sched_process_fork: comm=reference-init pid=1 child_comm=reference-init "
	     "child_pid=40"),
	LINE("reference-init-40", "1.110000", "sys_execve(filename: 5f00, argv: 5f10, envp: 5f20)"),
	LINE("reference-init-40", "1.120000",
	     "sched_process_exec: filename=/sbin/modprobe pid=40 old_pid=40"),
	LINE("modprobe-40", "1.200000", "sys_finit_module(fd: 3, uargs: 4671ae, flags: 0)"),
	LINE("modprobe-40", "1.275000", "sys_finit_module -> 0x0"),
	LINE_D("reference-init-1", "1.500000", "console: reference-init: modules ... ok"),
	LINE_D("reference-init-1", "1.600000", "console: reference-init: register ... ok"),
	LINE("reference-init-1", "1.700000", "sys_execve(filename: 6f00, argv: 6f10, envp: 6f20)"),
	LINE("reference-init-1", "1.710000",
	     "sched_process_exec: filename=/bin/chroot pid=1 old_pid=1"),
	LINE("chroot-1", "1.800000", "sys_execve(filename: 7f00, argv: 7f10, envp: 7f20)"),
	LINE("chroot-1", "1.850000",
	     "sched_process_exec: filename=/usr/lib/rosetta-bench/entry pid=1 old_pid=1"),
	LINE("entry-1", "1.900000", "sys_write(fd: 1, buf: 5ee340, count: 6)"),
};

static void test_marks_reference_init(void **state)
{
	struct boot_marks m = read_marks(reference_trace, N(reference_trace));

	(void)state;
	assert_int_equal(m.init_exec, 1000000);
	assert_int_equal(m.modules_done, 1500000);
	assert_int_equal(m.register_done, 1600000);
	assert_int_equal(m.entry_pid, 1);
	/* chroot's execve of the entry, not the script's execve of chroot */
	assert_int_equal(m.entry_execve, 1800000);
	assert_int_equal(m.entry_exec, 1850000);
	assert_int_equal(m.entry_line, 1900000);
	assert_int_equal(m.module_load_us, 75000);
	assert_int_equal(m.module_loads, 1);
	assert_int_equal(m.processes, 2);
	assert_null(boot_marks_missing(&m, true));
	/* its two marks are not rosetta-init's stages */
	assert_false(boot_marks_has_stages(&m));
}

/* bench.mode=syscalls: raw_syscalls:sys_enter and the sched events only. */
static const char *const syscall_trace[] = {
	RAW("swapper/0-1", "0.900000", "56"),
	LINE("swapper/0-1", "1.000000", "sched_process_exec: filename=/init pid=1 old_pid=1"),
	RAW("init-1", "1.010000", "56"),
	RAW("init-1", "1.020000", "63"),
	RAW("udevd-50", "1.030000", "63"),
	RAW("init-1", "1.040000", "220"),
	LINE("init-1", "1.050000",
	     "sched_process_fork: comm=init pid=1 child_comm=init child_pid=60"),
	LINE("udevd-50", "1.055000",
	     "sched_process_fork: comm=udevd pid=50 child_comm=udevd child_pid=51"),
	RAW("udevd-51", "1.058000", "64"),
	RAW("init-60", "1.060000", "29"),
	RAW("init-60", "1.070000", "221"),
	LINE("init-60", "1.075000",
	     "sched_process_exec: filename=/sbin/modprobe pid=60 old_pid=60"),
	RAW("modprobe-60", "1.080000", "273"),
	LINE("modprobe-60", "1.085000",
	     "sched_process_fork: comm=modprobe pid=60 child_comm=modprobe child_pid=61"),
	RAW("modprobe-61", "1.087000", "64"),
	RAW("modprobe-60", "1.090000", "94"),
	RAW("init-1", "1.200000", "220"),
	LINE("init-1", "1.210000",
	     "sched_process_fork: comm=init pid=1 child_comm=init child_pid=88"),
	RAW("init-1", "1.215000", "260"),
	RAW("init-88", "1.220000", "221"),
	LINE("init-88", "1.230000",
	     "sched_process_exec: filename=/usr/lib/rosetta-bench/entry pid=88 old_pid=88"),
	RAW("entry-88", "1.240000", "64"),
	RAW("init-1", "1.250000", "260"),
	LINE("entry-88", "1.260000",
	     "sched_process_fork: comm=entry pid=88 child_comm=entry child_pid=89"),
	RAW("entry-89", "1.270000", "64"),
};

static void test_marks_syscalls(void **state)
{
	struct marks_reader *r = marks_reader_new(ENTRY);
	const struct boot_marks *m;
	const char *missing;

	(void)state;
	assert_non_null(r);
	m = marks_reader_marks(r);
	feed(r, syscall_trace, N(syscall_trace), true);
	/* pass 1 finds the milestones, counts nothing */
	assert_int_equal(m->init_exec, 1000000);
	assert_int_equal(m->entry_exec, 1230000);
	assert_int_equal(m->entry_execve, 1220000);
	assert_int_equal(m->entry_pid, 88);
	assert_int_equal(m->syscalls_all, 0);
	/* PID 1, 60 and 61 (forked by 60), 88; not 50, 51 or 89 */
	assert_int_equal(m->processes, 4);
	marks_reader_next_pass(r);
	feed(r, syscall_trace, N(syscall_trace), true);
	/* 1.01 1.02 1.04 1.2 1.215; 60: 4, 61: 1, 88: its execve */
	assert_int_equal(m->syscalls_pid1, 5);
	assert_int_equal(m->syscalls_all, 11);
	assert_int_equal(m->processes, 4);
	assert_int_equal(m->module_loads, 0);
	/* no stage marks: PID 1's calls are counted, not put in stages */
	assert_false(boot_marks_has_stages(m));
	assert_int_equal(m->pid1.calls, 5);
	assert_int_equal(m->by_nr[220].calls, 2);
	for (int i = 0; i < STAGE_COUNT; i++)
		assert_int_equal(m->by_stage[i].calls, 0);
	assert_null(boot_marks_missing(m, false));
	missing = boot_marks_missing(m, true);
	assert_non_null(missing);
	assert_non_null(strstr(missing, "modules ... ok"));
	marks_reader_free(r);
}

/* rosetta-init in bench.mode=syscalls: raw sys_enter and sys_exit, its
 * stage lines. PID 1's calls are timed enter to exit, by the stage they
 * entered in; one still in flight at the entry's execve is cut there. */
static const char *const stage_trace[] = {
	LINE("swapper/0-1", "1.000000", "sched_process_exec: filename=/init pid=1 old_pid=1"),
	RAW("init-1", "1.000100", "56"),
	RAW_EXIT("init-1", "1.000300", "56"),
	STAGE_OK("1.001000", "early"),
	RAW("init-1", "1.002000", "63"),
	RAW("udevd-50", "1.002010", "63"),
	RAW_EXIT("udevd-50", "1.002020", "63"),
	RAW_EXIT("init-1", "1.002050", "63"),
	STAGE_OK("1.003000", "config"),
	RAW("init-1", "1.004000", "273"),
	RAW_EXIT("init-1", "1.010000", "273"),
	STAGE_OK("1.011000", "modules"),
	STAGE_OK("1.012000", "share"),
	STAGE_OK("1.013000", "verify"),
	STAGE_OK("1.014000", "register"),
	RAW("init-1", "1.014500", "64"),
	RAW_EXIT("init-1", "1.014600", "64"),
	STAGE_OK("1.015000", "root"),
	LINE_D("init-1", "1.015200",
	       "console: rosetta-init: selftest: skipped (rosetta.selftest=0)"),
	STAGE_OK("1.016000", "selftest"),
	STAGE_OK("1.017000", "switch"),
	RAW("init-1", "1.017100", "220"),
	LINE("init-1", "1.017200",
	     "sched_process_fork: comm=init pid=1 child_comm=init child_pid=88"),
	RAW_EXIT("init-1", "1.017400", "220"),
	RAW("init-1", "1.017420", "600"),
	RAW_EXIT("init-1", "1.017440", "600"),
	RAW("init-1", "1.017500", "260"),
	RAW("init-88", "1.018000", "221"),
	LINE("init-88", "1.018500",
	     "sched_process_exec: filename=/usr/lib/rosetta-bench/entry pid=88 old_pid=88"),
	RAW_EXIT("init-1", "1.019000", "260"),
	RAW("init-1", "1.019500", "63"),
	RAW_EXIT("init-1", "1.019600", "63"),
};

static void assert_tally(const struct syscall_tally *t, unsigned long calls, uint64_t us)
{
	assert_int_equal(t->calls, calls);
	assert_int_equal(t->us, us);
}

static void test_marks_stages(void **state)
{
	struct boot_marks m = read_marks(stage_trace, N(stage_trace));
	/* microseconds from the previous mark, the last to the execve */
	static const uint64_t took[STAGE_COUNT] = { 1000, 2000, 8000, 1000, 1000,
						    1000, 1000, 1000, 1000, 1000 };

	(void)state;
	assert_true(boot_marks_has_stages(&m));
	assert_int_equal(m.entry_execve, 1018000);
	for (int i = 0; i < STAGE_COUNT; i++)
		assert_int_equal(boot_marks_stage_end(&m, (enum stage)i) -
				     boot_marks_stage_start(&m, (enum stage)i),
				 took[i]);
	assert_int_equal(boot_marks_stage_start(&m, STAGE_EARLY), 1000000);
	assert_int_equal(boot_marks_stage_end(&m, STAGE_RUN), 1018000);
	/* 200 + 50 + 6000 + 100 + 300 + 20, and 500 of the wait cut at 1.018 */
	assert_int_equal(m.syscalls_pid1, 7);
	assert_tally(&m.pid1, 7, 7170);
	assert_tally(&m.by_stage[STAGE_EARLY], 1, 200);
	assert_tally(&m.by_stage[STAGE_CONFIG], 1, 50);
	assert_tally(&m.by_stage[STAGE_MODULES], 1, 6000);
	assert_tally(&m.by_stage[STAGE_SHARE], 0, 0);
	assert_tally(&m.by_stage[STAGE_ROOT], 1, 100);
	assert_tally(&m.by_stage[STAGE_SELFTEST], 0, 0);
	assert_tally(&m.by_stage[STAGE_SWITCH], 0, 0);
	assert_tally(&m.by_stage[STAGE_RUN], 3, 820);
	assert_tally(&m.by_nr[56], 1, 200);
	assert_tally(&m.by_nr[63], 1, 50);
	assert_tally(&m.by_nr[273], 1, 6000);
	assert_tally(&m.by_nr[64], 1, 100);
	assert_tally(&m.by_nr[220], 1, 300);
	assert_tally(&m.by_nr[260], 1, 500);
	/* the entry's execve is its child's, not PID 1's */
	assert_tally(&m.by_nr[221], 0, 0);
}

/* A stage line missing, or out of order: no stages, calls still counted. */
static void test_marks_stages_incomplete(void **state)
{
	const char *lines[N(stage_trace)];
	struct boot_marks m;
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < N(stage_trace); i++)
		if (!strstr(stage_trace[i], "verify ... ok"))
			lines[n++] = stage_trace[i];
	m = read_marks(lines, n);
	assert_false(boot_marks_has_stages(&m));
	assert_int_equal(boot_marks_stage_start(&m, STAGE_CONFIG), 0);
	assert_int_equal(boot_marks_stage_end(&m, STAGE_CONFIG), 0);
	assert_tally(&m.pid1, 7, 7170);
	assert_tally(&m.by_stage[STAGE_EARLY], 0, 0);
	assert_tally(&m.by_nr[273], 1, 6000);

	m = read_marks(stage_trace, N(stage_trace));
	m.stage_done[STAGE_ROOT] = m.stage_done[STAGE_SWITCH] + 1;
	assert_false(boot_marks_has_stages(&m));
}

/* Without the entry's execve there is no end to count to. */
static void test_marks_syscalls_without_execve(void **state)
{
	const char *const trace[] = {
		LINE("swapper/0-1", "1.000000",
		     "sched_process_exec: filename=/init pid=1 old_pid=1"),
		RAW("init-1", "1.010000", "56"),
		LINE("init-1", "1.230000",
		     "sched_process_exec: filename=/usr/lib/rosetta-bench/entry pid=1 old_pid=1"),
	};
	struct boot_marks m = read_marks(trace, N(trace));
	const char *missing = boot_marks_missing(&m, false);

	(void)state;
	assert_int_equal(m.entry_exec, 1230000);
	assert_int_equal(m.entry_execve, 0);
	assert_int_equal(m.syscalls_all, 0);
	assert_non_null(missing);
	assert_non_null(strstr(missing, "execve"));
}

static void test_missing_empty(void **state)
{
	struct boot_marks m;
	const char *missing;

	(void)state;
	memset(&m, 0, sizeof(m));
	missing = boot_marks_missing(&m, true);
	assert_non_null(missing);
	assert_non_null(strstr(missing, "exec of the init"));
	assert_string_equal(boot_marks_missing(&m, false), missing);
}

static void assert_missing(const struct boot_marks *m, const char *what)
{
	const char *missing = boot_marks_missing(m, true);

	assert_non_null(missing);
	assert_non_null(strstr(missing, what));
}

/* Each timing milestone is asked for, in the order of the boot. */
static void test_missing_in_order(void **state)
{
	struct boot_marks m;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.init_exec = 1;
	assert_missing(&m, "entry's exec");
	m.entry_exec = 3;
	assert_missing(&m, "execve");
	m.entry_execve = 2;
	assert_null(boot_marks_missing(&m, false));
	assert_missing(&m, "modules ... ok");
	m.modules_done = 1;
	assert_missing(&m, "register ... ok");
	m.register_done = 1;
	assert_missing(&m, "first write");
	m.entry_line = 4;
	assert_missing(&m, "module load");
	m.module_loads = 1;
	assert_null(boot_marks_missing(&m, true));
}

static void test_missing_entry_exec(void **state)
{
	const char *const trace[] = {
		LINE("swapper/0-1", "2.000000",
		     "sched_process_exec: filename=/init pid=1 old_pid=1"),
		LINE_D("init-1", "2.400000", "console: rosetta-init: modules ... ok (400 ms)"),
		LINE_D("init-1", "2.500000", "console: rosetta-init: register ... ok (16 ms)"),
		LINE("init-1", "2.600000",
		     "sched_process_fork: comm=init pid=1 child_comm=init child_pid=88"),
		LINE("init-88", "2.700000", "sys_execve(filename: 1, argv: 2, envp: 3)"),
		LINE("init-88", "2.750000",
		     "sched_process_exec: filename=/usr/lib/rosetta-bench/other pid=88 old_pid=88"),
		LINE("other-88", "3.000000", "sys_write(fd: 1, buf: 5ee340, count: 6)"),
	};
	struct boot_marks m = read_marks(trace, N(trace));
	const char *missing = boot_marks_missing(&m, true);

	(void)state;
	assert_int_equal(m.init_exec, 2000000);
	assert_int_equal(m.entry_exec, 0);
	assert_int_equal(m.entry_execve, 0);
	assert_int_equal(m.entry_line, 0);
	assert_int_equal(m.entry_pid, 0);
	assert_non_null(missing);
	assert_non_null(strstr(missing, "entry's exec"));
	assert_string_equal(boot_marks_missing(&m, false), missing);
}

/* Only the init's own lines, between its exec and the entry's, mark it. */
static void test_console_marks_only_the_init(void **state)
{
	const char *const trace[] = {
		LINE_D("swapper/0-1", "0.500000", "console: rosetta-init: modules ... ok (1 ms)"),
		LINE_D("swapper/0-1", "0.600000", "console: rosetta-init: register ... ok (1 ms)"),
		LINE("swapper/0-1", "2.000000",
		     "sched_process_exec: filename=/init pid=1 old_pid=1"),
		LINE_D("kworker/0:1-20", "2.100000", "console: fuse: init (API version 7.38)"),
		LINE_D("init-1", "2.200000", "console: rosetta-init: modules ... failed"),
		LINE_D("init-1", "2.300000", "console: rosetta-init: register ... ok (5 ms)"),
		LINE_D("init-1", "2.400000", "console: rosetta-init: modules ... ok (400 ms)"),
		LINE_D("init-1", "2.450000", "console: rosetta-init: modules ... ok (450 ms)"),
		LINE_D("init-1", "2.460000", "console: rosetta-init: register ... ok (6 ms)"),
		LINE("init-1", "2.750000",
		     "sched_process_exec: filename=/usr/lib/rosetta-bench/entry pid=1 old_pid=1"),
	};
	struct boot_marks m = read_marks(trace, N(trace));

	(void)state;
	assert_int_equal(m.modules_done, 2400000);
	assert_int_equal(m.register_done, 2300000);
}

static void test_console_without_init_marks(void **state)
{
	const char *const trace[] = {
		LINE_D("swapper/0-1", "0.500000", "console: rosetta-init: modules ... ok (1 ms)"),
		LINE("swapper/0-1", "2.000000",
		     "sched_process_exec: filename=/init pid=1 old_pid=1"),
		LINE_D("kworker/0:1-20", "2.100000", "console: fuse: init (API version 7.38)"),
		LINE_D("init-1", "2.750000", "console: random: crng init done"),
	};
	struct boot_marks m = read_marks(trace, N(trace));

	(void)state;
	assert_int_equal(m.init_exec, 2000000);
	assert_int_equal(m.modules_done, 0);
	assert_int_equal(m.register_done, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_exec),
		cmocka_unit_test(test_parse_console),
		cmocka_unit_test(test_parse_sys_enter),
		cmocka_unit_test(test_parse_sys_exit),
		cmocka_unit_test(test_parse_raw_sys_enter),
		cmocka_unit_test(test_parse_comm_with_dashes_and_spaces),
		cmocka_unit_test(test_parse_keeps_newline_in_args),
		cmocka_unit_test(test_parse_rejects_headers),
		cmocka_unit_test(test_parse_rejects_malformed),
		cmocka_unit_test(test_marks_rosetta_init),
		cmocka_unit_test(test_marks_rosetta_init_getline_lines),
		cmocka_unit_test(test_marks_reference_init),
		cmocka_unit_test(test_marks_overlapping_loads),
		cmocka_unit_test(test_marks_syscalls),
		cmocka_unit_test(test_marks_syscalls_without_execve),
		cmocka_unit_test(test_marks_stages),
		cmocka_unit_test(test_marks_stages_incomplete),
		cmocka_unit_test(test_missing_empty),
		cmocka_unit_test(test_missing_in_order),
		cmocka_unit_test(test_missing_entry_exec),
		cmocka_unit_test(test_console_marks_only_the_init),
		cmocka_unit_test(test_console_without_init_marks),
	};

	return cmocka_run_group_tests_name("bench_marks", tests, NULL, NULL);
}
