/* What rosettactl activate records and deactivate undoes, against a scratch
 * directory laid out as binfmt_misc (a control word written to an entry's
 * file lands over the start of its text, where the kernel would act on it;
 * the tests then show the entry as the kernel would): the state file's round
 * trip, merging a second activation, lines that are not its own; enabling
 * the rivals again only while they are registered and disabled; and
 * deactivate run twice, the second time with nothing to undo. The real
 * filesystem is exercised by tests/integration/test_rosettactl_activate.sh. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init/rivals.h"
#include "lib/cli.h"
#include "lib/report.h"
#include "tests/unit/scratch.h"
#include "tools/rosettactl/activation.h"
#include "tools/rosettactl/command.h"

#include <cmocka.h>

#define X86_MAGIC "offset 0\nmagic 7f454c4602010100000000000000000002003e00\n"
#define ROSETTA	  "enabled\ninterpreter /run/rosetta/rosetta\nflags: POCF\n" X86_MAGIC
#define QEMU_ON	  "enabled\ninterpreter /usr/bin/qemu-x86_64-static\nflags: F\n" X86_MAGIC
#define QEMU_OFF  "disabled\ninterpreter /usr/bin/qemu-x86_64-static\nflags: F\n" X86_MAGIC
#define BOX_OFF	  "disabled\ninterpreter /usr/bin/box64\nflags: \n" X86_MAGIC

static void put(struct scratch *s, const char *name, const char *text)
{
	assert_int_equal(scratch_put(s, name, text, 0644), 0);
}

/* The text of a scratch file, "" when it is missing. */
static const char *text_of(struct scratch *s, const char *name)
{
	static char buf[1024];
	FILE *f = fopen(scratch_path(s, name), "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

/* The control word was written to name, whose text was before: a plain
 * file keeps the rest of its text after the word. */
static void assert_written(struct scratch *s, const char *name, const char *word,
			   const char *before)
{
	char want[1024];

	snprintf(want, sizeof(want), "%s%s", word, before + strlen(word));
	assert_string_equal(text_of(s, name), want);
}

static struct rivals named(const char *a, const char *b)
{
	struct rivals r = { .n = 0 };

	if (a)
		rivals_add(&r, a);
	if (b)
		rivals_add(&r, b);
	return r;
}

static void no_state_file(void **state)
{
	struct scratch *s = *state;
	struct activation a;
	unsigned int bad = 99;

	memset(&a, 0x55, sizeof(a));
	assert_int_equal(activation_read(scratch_path(s, "none"), &a, &bad), -ENOENT);
	assert_string_equal(a.entry, "");
	assert_int_equal(a.rivals.n, 0);
	assert_int_equal(a.rivals.unnamed, 0);
	assert_int_equal(activation_forget(scratch_path(s, "none")), 0);
}

static void round_trip_in_a_new_directory(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, "run/rosettactl/activated");
	struct rivals off = named("qemu-x86_64", "box64");
	struct activation a = { .entry = "" }, back;
	unsigned int bad;

	off.unnamed = 2;
	activation_merge(&a, "rosetta", &off);
	assert_int_equal(activation_write(path, &a), 0);
	assert_int_equal(activation_read(path, &back, &bad), 0);
	assert_string_equal(back.entry, "rosetta");
	assert_int_equal(back.rivals.n, 2);
	assert_string_equal(back.rivals.names[0], "qemu-x86_64");
	assert_string_equal(back.rivals.names[1], "box64");
	assert_int_equal(back.rivals.unnamed, 2);
	assert_null(strstr(text_of(s, "run/rosettactl/activated.new"), "entry"));
	assert_int_equal(activation_forget(path), 0);
	assert_int_equal(access(path, F_OK), -1);
}

/* A second activation that disabled nothing keeps what the first did. */
static void a_second_activation_keeps_the_first_rivals(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, "activated");
	struct rivals first = named("qemu-x86_64", NULL), second = named(NULL, NULL),
		      third = named("box64", "qemu-x86_64");
	struct activation a;
	unsigned int bad;

	assert_int_equal(activation_read(path, &a, &bad), -ENOENT);
	activation_merge(&a, "rosetta", &first);
	assert_int_equal(activation_write(path, &a), 0);
	assert_int_equal(activation_read(path, &a, &bad), 0);
	activation_merge(&a, "rosetta", &second);
	activation_merge(&a, "rosetta2", &third);
	assert_int_equal(activation_write(path, &a), 0);
	assert_int_equal(activation_read(path, &a, &bad), 0);
	assert_string_equal(a.entry, "rosetta2");
	assert_int_equal(a.rivals.n, 2);
	assert_string_equal(a.rivals.names[0], "qemu-x86_64");
	assert_string_equal(a.rivals.names[1], "box64");
}

static void lines_not_its_own(void **state)
{
#define TEXT(t) t, sizeof(t) - 1
	static const struct {
		const char *text;
		size_t len;
		unsigned int line;
	} bad[] = {
		{ TEXT("entry rosetta\nrival\n"), 2 },
		{ TEXT("# ok\nentry rosetta\nmounted /run/rosetta\n"), 3 },
		{ TEXT("rival qemu/x86_64\n"), 1 },
		{ TEXT("entry ..\n"), 1 },
		{ TEXT("unnamed many\n"), 1 },
		{ TEXT("entry rosetta\0rival x\n"), 1 },
	};
	struct scratch *s = *state;
	struct activation a;
	unsigned int line;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(scratch_write(s, "bad", bad[i].text, bad[i].len, 0644), 0);
		assert_int_equal(activation_read(scratch_path(s, "bad"), &a, &line), -EINVAL);
		assert_int_equal(line, bad[i].line);
	}
}

static void rivals_named_once_then_counted(void **state)
{
	struct rivals r = { .n = 0 };
	char name[16];

	(void)state;
	rivals_add(&r, "qemu-x86_64");
	rivals_add(&r, "qemu-x86_64");
	assert_int_equal(r.n, 1);
	for (int i = 0; i < RIVALS_MAX + 3; i++) {
		snprintf(name, sizeof(name), "r%d", i);
		rivals_add(&r, name);
	}
	assert_int_equal(r.n, RIVALS_MAX);
	assert_int_equal(r.unnamed, 4);
}

struct fates {
	enum rival_fate fate[8];
	int err[8];
	size_t n;
};

static void note_fate(void *arg, const char *name, enum rival_fate fate, int err)
{
	struct fates *f = arg;

	(void)name;
	f->fate[f->n] = fate;
	f->err[f->n++] = err;
}

/* Only a rival still there and still disabled is enabled; one that cannot
 * be read fails without stopping the others. */
static void rivals_enabled_again_only_while_disabled(void **state)
{
	struct scratch *s = *state;
	struct rivals r = named("qemu-x86_64", "box64");
	struct fates f = { .n = 0 };

	rivals_add(&r, "gone");
	rivals_add(&r, "odd");
	put(s, "qemu-x86_64", QEMU_OFF);
	put(s, "box64", "enabled\ninterpreter /usr/bin/box64\nflags: \n" X86_MAGIC);
	assert_int_equal(mkdir(scratch_path(s, "odd"), 0755), 0);
	assert_int_equal(rivals_enable(s->dir, &r, note_fate, &f), -EISDIR);
	assert_int_equal(f.n, 4);
	assert_int_equal(f.fate[0], RIVAL_ENABLED);
	assert_int_equal(f.fate[1], RIVAL_WAS_ENABLED);
	assert_int_equal(f.fate[2], RIVAL_GONE);
	assert_int_equal(f.fate[3], RIVAL_FAILED);
	assert_int_equal(f.err[3], EISDIR);
	assert_written(s, "qemu-x86_64", "1", QEMU_OFF);
	assert_string_equal(text_of(s, "box64"),
			    "enabled\ninterpreter /usr/bin/box64\nflags: \n" X86_MAGIC);
}

/* deactivate, as the command runs, on a fixture system. */
struct system {
	struct scratch *s;
	struct rctl_args a;
	struct rctl_target t;
	struct report rep;
};

/* The directories of a fixture system. */
static void make_tree(struct scratch *s)
{
	static const char *const dirs[] = { "proc", "sys", "binfmt_misc", "run" };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		assert_int_equal(mkdir(scratch_path(s, dirs[i]), 0755), 0);
}

static int deactivate(struct system *sys)
{
	struct error_record e;
	struct rctl_ctx c = { .args = &sys->a, .target = &sys->t, .out = stdout, .rep = &sys->rep };
	int code;

	memset(&sys->a, 0, sizeof(sys->a));
	sys->a.cmd = &rctl_cmd_deactivate;
	sys->a.where.proc = scratch_path(sys->s, "proc");
	sys->a.where.sys = scratch_path(sys->s, "sys");
	sys->a.where.binfmt_dir = scratch_path(sys->s, "binfmt_misc");
	sys->a.where.config = scratch_path(sys->s, "rosetta-init.conf");
	sys->a.value[RCTL_OPT_STATE] = scratch_path(sys->s, "run/activated");
	error_init(&e);
	assert_int_equal(rctl_target_init(&sys->t, &sys->a.where, &e), 0);
	report_init(&sys->rep);
	code = rctl_cmd_deactivate.run(&c);
	return code;
}

/* "MSG" among the report's messages. */
static bool said(const struct report *rep, const char *msg)
{
	for (size_t i = 0; i < rep->count; i++)
		if (strstr(rep->msgs[i], msg))
			return true;
	return false;
}

static void deactivate_twice(void **state)
{
	struct system sys = { .s = *state };
	struct scratch *s = sys.s;

	make_tree(s);
	put(s, "proc/cmdline", "console=ttyAMA0 rosetta.binfmt.name=ignored-when-recorded\n");
	put(s, "binfmt_misc/status", "enabled\n");
	put(s, "binfmt_misc/rosetta", ROSETTA);
	put(s, "binfmt_misc/qemu-x86_64", QEMU_OFF);
	put(s, "binfmt_misc/box64", BOX_OFF);
	put(s, "run/activated", "# rosettactl activate\nentry rosetta\nrival qemu-x86_64\n");

	assert_int_equal(deactivate(&sys), CLI_EXIT_OK);
	assert_true(said(&sys.rep, "removed "));
	assert_true(said(&sys.rep, "/qemu-x86_64 again"));
	assert_written(s, "binfmt_misc/rosetta", "-1", ROSETTA);
	assert_written(s, "binfmt_misc/qemu-x86_64", "1", QEMU_OFF);
	/* Not recorded by activate: left disabled. */
	assert_string_equal(text_of(s, "binfmt_misc/box64"), BOX_OFF);
	assert_int_equal(access(scratch_path(s, "run/activated"), F_OK), -1);
	report_free(&sys.rep);

	/* As the kernel shows it now. */
	assert_int_equal(unlink(scratch_path(s, "binfmt_misc/rosetta")), 0);
	put(s, "binfmt_misc/qemu-x86_64", QEMU_ON);
	assert_int_equal(deactivate(&sys), CLI_EXIT_OK);
	assert_true(said(&sys.rep, "not active: no entry "));
	assert_true(said(&sys.rep, "/binfmt_misc/ignored-when-recorded"));
	assert_string_equal(text_of(s, "binfmt_misc/qemu-x86_64"), QEMU_ON);
	report_free(&sys.rep);
}

/* Without a state file the configured entry goes and no rival is touched;
 * a state file that is not rosettactl's changes nothing. */
static void deactivate_without_a_record_and_with_a_bad_one(void **state)
{
	struct system sys = { .s = *state };
	struct scratch *s = sys.s;

	make_tree(s);
	put(s, "proc/cmdline", "rosetta.binfmt.name=rosetta-x\n");
	put(s, "binfmt_misc/rosetta-x", ROSETTA);
	put(s, "binfmt_misc/qemu-x86_64", QEMU_OFF);
	assert_int_equal(deactivate(&sys), CLI_EXIT_OK);
	assert_written(s, "binfmt_misc/rosetta-x", "-1", ROSETTA);
	assert_string_equal(text_of(s, "binfmt_misc/qemu-x86_64"), QEMU_OFF);
	report_free(&sys.rep);

	put(s, "binfmt_misc/rosetta-x", ROSETTA);
	put(s, "run/activated", "entry rosetta-x\nrival qemu-x86_64\nmounted /run/rosetta\n");
	assert_int_equal(deactivate(&sys), CLI_EXIT_FAILED);
	assert_true(said(&sys.rep, "activated:3: not a line of rosettactl's: nothing changed"));
	assert_string_equal(text_of(s, "binfmt_misc/rosetta-x"), ROSETTA);
	assert_string_equal(text_of(s, "binfmt_misc/qemu-x86_64"), QEMU_OFF);
	report_free(&sys.rep);
}

/* A rival that cannot be enabled keeps the record, so that a second run
 * tries again. */
static void a_failed_rival_keeps_the_record(void **state)
{
	struct system sys = { .s = *state };
	struct scratch *s = sys.s;

	make_tree(s);
	put(s, "proc/cmdline", "\n");
	put(s, "binfmt_misc/rosetta", ROSETTA);
	assert_int_equal(mkdir(scratch_path(s, "binfmt_misc/odd"), 0755), 0);
	put(s, "run/activated", "entry rosetta\nrival odd\n");
	assert_int_equal(deactivate(&sys), CLI_EXIT_FAILED);
	assert_true(said(&sys.rep, "cannot enable "));
	assert_int_equal(access(scratch_path(s, "run/activated"), F_OK), 0);
	report_free(&sys.rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_state_file, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(round_trip_in_a_new_directory, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(a_second_activation_keeps_the_first_rivals,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(lines_not_its_own, scratch_setup, scratch_teardown),
		cmocka_unit_test(rivals_named_once_then_counted),
		cmocka_unit_test_setup_teardown(rivals_enabled_again_only_while_disabled,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(deactivate_twice, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(deactivate_without_a_record_and_with_a_bad_one,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(a_failed_rival_keeps_the_record, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
