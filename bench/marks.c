/* From a boot's trace events to its milestones; see marks.h. */
#include "marks.h"

#include <stdlib.h>
#include <string.h>

/* arm64 system call numbers (asm-generic), as raw_syscalls:sys_enter
 * prints them: the execs that start the entry. */
#define NR_EXECVE   221
#define NR_EXECVEAT 281

struct marks_reader {
	const char *entry_path;
	int pass;
	struct boot_marks m;
	bool tracked[MARKS_PID_SLOTS];	     /* PID 1 and what it started */
	uint64_t execve_at[MARKS_PID_SLOTS]; /* the pid's last execve, entered */
	uint64_t module_at[MARKS_PID_SLOTS]; /* its module load in flight */
	unsigned loading;		     /* loads in flight, all processes */
	uint64_t loading_since;		     /* the first of them began */
	/* PID 1's system call in flight on pass 2: entered at call_at, in
	 * call_stage (-1: none known), number call_nr (-1: out of range). */
	bool in_call;
	uint64_t call_at;
	int call_stage;
	long call_nr;
};

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool slot(unsigned pid)
{
	return pid < MARKS_PID_SLOTS;
}

static bool is_tracked(const struct marks_reader *r, unsigned pid)
{
	return slot(pid) && r->tracked[pid];
}

static void track(struct marks_reader *r, unsigned pid)
{
	if (slot(pid) && !r->tracked[pid]) {
		r->tracked[pid] = true;
		r->m.processes++;
	}
}

/* Between /init's exec and the entry's: the init's own time. */
static bool in_init(const struct marks_reader *r)
{
	return r->m.init_exec && !r->m.entry_exec;
}

/* Copies the value of KEY=VALUE (up to the next space) into buf. */
static bool field(const char *args, const char *key, char *buf, size_t size)
{
	const char *p = strstr(args, key);
	size_t n;

	if (!p || (p != args && p[-1] != ' '))
		return false;
	p += strlen(key);
	n = strcspn(p, " ");
	if (n >= size)
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

static unsigned field_uint(const char *args, const char *key)
{
	char buf[16];

	return field(args, key, buf, sizeof(buf)) ? (unsigned)strtoul(buf, NULL, 10) : 0;
}

static void on_exec(struct marks_reader *r, const struct trace_event *ev)
{
	char filename[256];
	unsigned pid = field_uint(ev->args, "pid=");

	if (!field(ev->args, "filename=", filename, sizeof(filename)))
		return;
	if (!r->m.init_exec && pid == 1) {
		r->m.init_exec = ev->us;
		track(r, 1);
	} else if (in_init(r) && !strcmp(filename, r->entry_path) && slot(pid)) {
		r->m.entry_exec = ev->us;
		r->m.entry_pid = pid;
		r->m.entry_execve = r->execve_at[pid];
	}
}

static void on_fork(struct marks_reader *r, const struct trace_event *ev)
{
	if (in_init(r) && is_tracked(r, field_uint(ev->args, "pid=")))
		track(r, field_uint(ev->args, "child_pid="));
}

/* rosetta-init's "STAGE ... ok (N ms)", the first of each stage. */
static void on_stage_line(struct marks_reader *r, const char *text, uint64_t us)
{
	for (int i = 0; i < STAGE_RUN; i++) {
		const char *name = contract_stage_names[i];
		size_t n = strlen(name);

		if (!r->m.stage_done[i] && !strncmp(text, name, n) &&
		    starts_with(text + n, " ... ok")) {
			r->m.stage_done[i] = us;
			return;
		}
	}
}

/* "modules ... ok" and "register ... ok" after the init's "NAME: ". */
static void on_console(struct marks_reader *r, const struct trace_event *ev)
{
	const char *text = strstr(ev->args, ": ");

	if (!in_init(r) || !text)
		return;
	text += 2;
	if (!r->m.modules_done && starts_with(text, "modules ... ok"))
		r->m.modules_done = ev->us;
	else if (!r->m.register_done && starts_with(text, "register ... ok"))
		r->m.register_done = ev->us;
	if (starts_with(ev->args, "rosetta-init: "))
		on_stage_line(r, text, ev->us);
}

static void on_module_load(struct marks_reader *r, const struct trace_event *ev)
{
	if (!in_init(r) || !is_tracked(r, ev->pid))
		return;
	/* Loads by several processes at once (rosetta-init's preloader and
	 * PID 1) count once: the wall time during which any was loading. */
	if (ev->kind == TRACE_SYS_ENTER) {
		r->module_at[ev->pid] = ev->us;
		if (r->loading++ == 0)
			r->loading_since = ev->us;
	} else if (r->module_at[ev->pid]) {
		r->m.module_loads++;
		r->module_at[ev->pid] = 0;
		if (--r->loading == 0)
			r->m.module_load_us += ev->us - r->loading_since;
	}
}

static void on_first_line(struct marks_reader *r, const struct trace_event *ev)
{
	if (r->m.entry_exec && !r->m.entry_line && ev->pid == r->m.entry_pid &&
	    starts_with(ev->args, "fd: 1,"))
		r->m.entry_line = ev->us;
}

/* The stage PID 1 was in at us, or -1 without rosetta-init's marks. */
static int stage_at(const struct boot_marks *m, uint64_t us)
{
	if (!boot_marks_has_stages(m))
		return -1;
	for (int i = 0; i < STAGE_RUN; i++)
		if (us <= m->stage_done[i])
			return i;
	return STAGE_RUN;
}

static void tally_add(struct syscall_tally *t, unsigned long calls, uint64_t us)
{
	t->calls += calls;
	t->us += us;
}

/* One call of PID 1 entered (calls 1, us 0) or ended (calls 0, us its
 * time), in the totals, its number's tally and its stage's. */
static void tally_call(struct marks_reader *r, unsigned long calls, uint64_t us)
{
	tally_add(&r->m.pid1, calls, us);
	if (r->call_nr >= 0)
		tally_add(&r->m.by_nr[r->call_nr], calls, us);
	if (r->call_stage >= 0)
		tally_add(&r->m.by_stage[r->call_stage], calls, us);
}

/* PID 1's call in flight ends at until, or at the window's end. */
static void end_call(struct marks_reader *r, uint64_t until)
{
	uint64_t end = r->m.entry_execve;

	if (!r->in_call)
		return;
	r->in_call = false;
	tally_call(r, 0, (until < end ? until : end) - r->call_at);
}

static void begin_call(struct marks_reader *r, long nr, uint64_t us)
{
	end_call(r, us); /* an exit the trace lost: cut at the next entry */
	r->in_call = true;
	r->call_at = us;
	r->call_nr = nr >= 0 && nr < MARKS_NR_SLOTS ? nr : -1;
	r->call_stage = stage_at(&r->m, us);
	tally_call(r, 1, 0);
	if (r->m.seq_n < MARKS_SEQ_MAX) {
		r->m.seq_nr[r->m.seq_n] = (short)r->call_nr;
		r->m.seq_stage[r->m.seq_n++] = (signed char)r->call_stage;
	}
}

/* raw_syscalls:sys_enter, "NR 221 (...)": on pass 1 an exec is noted, on
 * pass 2 the call is counted if the init made it, and PID 1's calls are
 * timed to their raw_syscalls:sys_exit, "NR 221 = 0". */
static void on_syscall(struct marks_reader *r, const struct trace_event *ev, bool enter)
{
	long nr;

	if (!starts_with(ev->args, "NR ") || !slot(ev->pid))
		return;
	nr = strtol(ev->args + 3, NULL, 10);
	if (r->pass == 1) {
		if (enter && (nr == NR_EXECVE || nr == NR_EXECVEAT))
			r->execve_at[ev->pid] = ev->us;
		return;
	}
	if (ev->pid == 1 && !enter) {
		end_call(r, ev->us);
		return;
	}
	if (!enter || !r->tracked[ev->pid] || ev->us < r->m.init_exec || ev->us > r->m.entry_execve)
		return;
	r->m.syscalls_all++;
	if (ev->pid == 1) {
		r->m.syscalls_pid1++;
		begin_call(r, nr, ev->us);
	}
}

static void feed_pass1(struct marks_reader *r, const struct trace_event *ev)
{
	const char *n = ev->name;

	if (ev->kind == TRACE_EVENT) {
		if (!strcmp(n, "sched_process_exec"))
			on_exec(r, ev);
		else if (!strcmp(n, "sched_process_fork"))
			on_fork(r, ev);
		else if (!strcmp(n, "console"))
			on_console(r, ev);
		else if (!strcmp(n, "sys_enter"))
			on_syscall(r, ev, true);
	} else if (!strcmp(n, "sys_finit_module") || !strcmp(n, "sys_init_module")) {
		on_module_load(r, ev);
	} else if (ev->kind == TRACE_SYS_ENTER && slot(ev->pid) &&
		   (!strcmp(n, "sys_execve") || !strcmp(n, "sys_execveat"))) {
		r->execve_at[ev->pid] = ev->us;
	} else if (ev->kind == TRACE_SYS_ENTER && !strcmp(n, "sys_write")) {
		on_first_line(r, ev);
	}
}

static void feed_pass2(struct marks_reader *r, const struct trace_event *ev)
{
	if (!r->m.entry_execve || ev->kind != TRACE_EVENT)
		return;
	/* Past the window, a call still in flight ends with it. */
	if (ev->us > r->m.entry_execve)
		end_call(r, ev->us);
	if (!strcmp(ev->name, "sys_enter"))
		on_syscall(r, ev, true);
	else if (!strcmp(ev->name, "sys_exit"))
		on_syscall(r, ev, false);
}

void marks_reader_feed(struct marks_reader *r, const struct trace_event *ev)
{
	if (r->pass == 1)
		feed_pass1(r, ev);
	else
		feed_pass2(r, ev);
}

struct marks_reader *marks_reader_new(const char *entry_path)
{
	struct marks_reader *r = calloc(1, sizeof(*r));

	if (r) {
		r->entry_path = entry_path;
		r->pass = 1;
	}
	return r;
}

void marks_reader_free(struct marks_reader *r)
{
	free(r);
}

void marks_reader_next_pass(struct marks_reader *r)
{
	r->pass = 2;
	r->in_call = false;
}

const struct boot_marks *marks_reader_marks(const struct marks_reader *r)
{
	return &r->m;
}

const char *boot_marks_missing(const struct boot_marks *m, bool timing)
{
	if (!m->init_exec)
		return "PID 1's exec of the init (sched_process_exec)";
	if (!m->entry_exec)
		return "the entry's exec (sched_process_exec)";
	if (!m->entry_execve)
		return "the execve that started the entry (sys_enter_execve or raw_syscalls)";
	if (!timing)
		return NULL;
	if (!m->modules_done)
		return "the init's \"modules ... ok\" kernel log line (printk:console)";
	if (!m->register_done)
		return "the init's \"register ... ok\" kernel log line (printk:console)";
	if (!m->entry_line)
		return "the entry's first write to stdout (sys_enter_write)";
	if (!m->module_loads)
		return "a module load by the init (sys_enter/exit_finit_module)";
	return NULL;
}

bool boot_marks_has_stages(const struct boot_marks *m)
{
	for (int i = 0; i < STAGE_RUN; i++)
		if (!m->stage_done[i] || (i > 0 && m->stage_done[i] < m->stage_done[i - 1]))
			return false;
	return m->init_exec && m->entry_execve >= m->stage_done[STAGE_RUN - 1];
}

uint64_t boot_marks_stage_start(const struct boot_marks *m, enum stage stage)
{
	if (!boot_marks_has_stages(m) || stage >= STAGE_COUNT)
		return 0;
	return stage == 0 ? m->init_exec : m->stage_done[stage - 1];
}

uint64_t boot_marks_stage_end(const struct boot_marks *m, enum stage stage)
{
	if (!boot_marks_has_stages(m) || stage >= STAGE_COUNT)
		return 0;
	return stage == STAGE_RUN ? m->entry_execve : m->stage_done[stage];
}
