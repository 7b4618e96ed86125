/* bench-probe: the measuring half of `make bench`, run natively in the
 * guest by the x86-64 entry once it has printed its first line.
 *
 * Usage: bench-probe [ENTRY-PATH]
 * ENTRY-PATH is the program the init exec'd, by default the probe itself.
 *
 * bench.mode= on the kernel command line says what to measure:
 *   timing    (default) the boot's milestones from the kernel trace, PID 1's
 *             memory, the modules loaded and the translator's entry
 *   syscalls  the system calls the init made, from a raw_syscalls trace;
 *             PID 1's by number and, for rosetta-init, by stage, timed;
 *             with bench.calls=1, PID 1's calls in order as well
 *   exec      program starts through binfmt_misc, through the translator
 *             named explicitly, and native; bench.runs= each (default 20)
 * Every figure is a line "bench: KEY=VALUE"; the last is "bench: done", or
 * "bench: error: ..." says why there is none. As PID 1 (under the reference
 * init, which execs the entry) it powers the guest off when done. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "guestinfo.h"
#include "marks.h"
#include "lib/array_size.h"
#include "lib/execloop.h"

#define TRACING	  "/sys/kernel/tracing"
#define BENCH_DIR "/usr/lib/rosetta-bench"

static void say(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("bench: %s=", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;

	printf("bench: error: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return -1;
}

/* The trace must hold every event since boot: a ring buffer that wrapped
 * lost the first ones. Its header says "entries-in-buffer/entries-written: A/B". */
static int check_header(const char *line)
{
	unsigned long in, written;

	if (sscanf(line, "# entries-in-buffer/entries-written: %lu/%lu", &in, &written) == 2 &&
	    in != written)
		return fail("the trace buffer lost %lu of %lu events: raise trace_buf_size",
			    written - in, written);
	return 0;
}

static int feed_trace(struct marks_reader *r)
{
	char *line = NULL;
	size_t cap = 0;
	struct trace_event ev;
	FILE *f = fopen(TRACING "/trace", "re");
	int ret = 0;

	if (!f)
		return fail("cannot read %s/trace: %s", TRACING, strerror(errno));
	while (ret == 0 && getline(&line, &cap, f) > 0) {
		ret = check_header(line);
		if (ret == 0 && trace_parse_line(line, &ev) == 0)
			marks_reader_feed(r, &ev);
	}
	free(line);
	fclose(f);
	return ret;
}

/* Tracing stops before the trace is read: a reader whose own system calls
 * are traced would chase the end of the buffer forever. */
static int stop_tracing(void)
{
	int fd;

	if (access(TRACING "/trace", R_OK) && mount("tracefs", TRACING, "tracefs", 0, NULL))
		return fail("cannot mount tracefs on %s: %s", TRACING, strerror(errno));
	fd = open(TRACING "/tracing_on", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "0", 1) != 1) {
		fail("cannot stop tracing (%s/tracing_on): %s", TRACING, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int read_marks(const char *entry, bool timing, struct boot_marks *out)
{
	struct marks_reader *r;
	const char *missing;
	int ret;

	if (stop_tracing() < 0)
		return -1;
	r = marks_reader_new(entry);
	if (!r)
		return fail("out of memory");
	ret = feed_trace(r);
	if (ret == 0) {
		marks_reader_next_pass(r);
		ret = feed_trace(r);
	}
	*out = *marks_reader_marks(r);
	marks_reader_free(r);
	missing = ret == 0 ? boot_marks_missing(out, timing) : NULL;
	if (missing)
		return fail("the trace has no %s: was the guest booted by bench/run?", missing);
	return ret;
}

static void say_memory(void)
{
	/* Under the reference init PID 1 is this probe: nothing to say. */
	if (getpid() == 1)
		return;
	say("pid1_vmrss_kb", "%ld", status_kb(1, "VmRSS"));
	say("pid1_vmhwm_kb", "%ld", status_kb(1, "VmHWM"));
}

/* rosetta-init's stages: how long each took and, when the boot traced
 * system calls, PID 1's calls in it and the time inside them. */
static void say_stages(const struct boot_marks *m, bool calls)
{
	char key[48];

	if (!boot_marks_has_stages(m))
		return;
	for (int i = 0; i < STAGE_COUNT; i++) {
		const char *name = contract_stage_names[i];
		enum stage s = (enum stage)i;

		snprintf(key, sizeof(key), "stage_%s_us", name);
		say(key, "%llu",
		    (unsigned long long)(boot_marks_stage_end(m, s) -
					 boot_marks_stage_start(m, s)));
		if (!calls)
			continue;
		snprintf(key, sizeof(key), "stage_%s_calls", name);
		say(key, "%lu", m->by_stage[i].calls);
		snprintf(key, sizeof(key), "stage_%s_sys_us", name);
		say(key, "%llu", (unsigned long long)m->by_stage[i].us);
	}
}

/* PID 1's system calls by number; the report names them. */
static void say_syscalls_by_nr(const struct boot_marks *m)
{
	char key[32];

	for (int nr = 0; nr < MARKS_NR_SLOTS; nr++) {
		if (!m->by_nr[nr].calls)
			continue;
		snprintf(key, sizeof(key), "nr_%d_calls", nr);
		say(key, "%lu", m->by_nr[nr].calls);
		snprintf(key, sizeof(key), "nr_%d_us", nr);
		say(key, "%llu", (unsigned long long)m->by_nr[nr].us);
	}
}

static int mode_timing(const char *entry)
{
	struct boot_marks m = { 0 };
	char buf[1024];

	if (read_marks(entry, true, &m) < 0)
		return -1;
	say("init_to_modules_us", "%llu", (unsigned long long)(m.modules_done - m.init_exec));
	say("init_to_register_us", "%llu", (unsigned long long)(m.register_done - m.init_exec));
	say("init_to_entry_exec_us", "%llu", (unsigned long long)(m.entry_execve - m.init_exec));
	say("init_to_first_line_us", "%llu", (unsigned long long)(m.entry_line - m.init_exec));
	say("module_load_us", "%llu", (unsigned long long)m.module_load_us);
	say("module_loads", "%u", m.module_loads);
	say("own_work_us", "%llu",
	    (unsigned long long)(m.entry_execve - m.init_exec - m.module_load_us));
	say_stages(&m, false);
	say_memory();
	if (loaded_modules(buf, sizeof(buf)) == 0)
		say("modules", "%s", buf);
	if (binfmt_field("rosetta", "flags:", buf, sizeof(buf)) == 0)
		say("binfmt_flags", "%s", buf);
	return 0;
}

/* bench.calls=1: PID 1's calls in order, "STAGE NR" (stage "-" when the
 * init marks none), for finding what a stage spends its calls on. */
static void say_call_list(const struct boot_marks *m)
{
	char on[4] = "0";

	(void)cmdline_value("bench.calls", on, sizeof(on));
	if (strcmp(on, "1") != 0)
		return;
	for (unsigned i = 0; i < m->seq_n; i++)
		say("call", "%s %d",
		    m->seq_stage[i] < 0 ? "-" : contract_stage_names[m->seq_stage[i]],
		    m->seq_nr[i]);
}

static int mode_syscalls(const char *entry)
{
	struct boot_marks m = { 0 };

	if (read_marks(entry, false, &m) < 0)
		return -1;
	say("syscalls_pid1", "%lu", m.syscalls_pid1);
	say("syscalls_all", "%lu", m.syscalls_all);
	say("syscall_processes", "%u", m.processes);
	say("syscalls_pid1_us", "%llu", (unsigned long long)m.pid1.us);
	say("init_to_entry_exec_us", "%llu", (unsigned long long)(m.entry_execve - m.init_exec));
	say_stages(&m, true);
	say_syscalls_by_nr(&m);
	say_call_list(&m);
	return 0;
}

/* The tiny programs both print one line and exit with this status. */
#define TINY_STATUS 42

/* Why exec_cases_time stopped, in the words of the report. */
static int exec_failed(const char *key, char *const *argv, int r, const struct exec_stop *stop)
{
	if (stop->warming)
		return fail("%s: %s does not run", key, argv[0]);
	if (r == -EPROTO)
		return fail("%s did not exit %d (%s)", argv[0], TINY_STATUS, key);
	return fail("cannot run %s: %s", argv[0], strerror(-r));
}

static int mode_exec(void)
{
	char interp[256], runs_s[16];
	unsigned runs = 20;
	static const char *const keys[] = { "exec_binfmt_us", "exec_direct_us", "exec_native_us" };
	char *binfmt_argv[] = { BENCH_DIR "/tiny-x86_64", NULL };
	char *direct_argv[] = { interp, BENCH_DIR "/tiny-x86_64", NULL };
	char *native_argv[] = { BENCH_DIR "/tiny-aarch64", NULL };
	struct exec_case cases[] = {
		{ .argv = binfmt_argv, .want_status = TINY_STATUS },
		{ .argv = direct_argv, .want_status = TINY_STATUS },
		{ .argv = native_argv, .want_status = TINY_STATUS },
	};
	size_t n = ARRAY_SIZE(cases);
	struct exec_stop stop;
	int r = 0;

	if (cmdline_value("bench.runs", runs_s, sizeof(runs_s)) == 0)
		runs = (unsigned)strtoul(runs_s, NULL, 10);
	if (runs < 1 || runs > 1000)
		return fail("bench.runs=%s: give 1 to 1000", runs_s);
	if (binfmt_field("rosetta", "interpreter", interp, sizeof(interp)) < 0)
		return fail("no binfmt_misc entry 'rosetta' with an interpreter");
	for (size_t k = 0; k < n && r == 0; k++) {
		cases[k].samples = calloc(runs, sizeof(uint64_t));
		if (!cases[k].samples)
			r = fail("out of memory");
	}
	if (r == 0) {
		r = exec_cases_time(cases, n, runs, &stop);
		if (r < 0)
			r = exec_failed(keys[stop.index], cases[stop.index].argv, r, &stop);
	}
	for (size_t k = 0; k < n; k++) {
		if (r == 0)
			say(keys[k], "%llu", (unsigned long long)median_us(cases[k].samples, runs));
		free(cases[k].samples);
	}
	if (r == 0)
		say("exec_runs", "%u", runs);
	return r;
}

static int run(const char *entry)
{
	char mode[16] = "timing";

	(void)cmdline_value("bench.mode", mode, sizeof(mode));
	if (!strcmp(mode, "timing"))
		return mode_timing(entry);
	if (!strcmp(mode, "syscalls"))
		return mode_syscalls(entry);
	if (!strcmp(mode, "exec"))
		return mode_exec();
	return fail("bench.mode=%s: give timing, syscalls or exec", mode);
}

int main(int argc, char **argv)
{
	int r;

	const char *entry = argc > 1 ? argv[1] : argv[0];

	if (argc > 2 || entry[0] != '/') {
		fprintf(stderr, "usage: bench-probe [ENTRY-PATH] (absolute)\n");
		return 2;
	}
	r = run(entry);
	if (r == 0)
		printf("bench: done\n");
	fflush(stdout);
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return r == 0 ? 0 : 1;
}
