/*
 * rosettactl's command line and target: the usage errors, which options each command
 * takes, and where the paths go (every one under --root unless given, the binfmt_misc
 * directory under --proc), with the init's configuration read from the file and then the
 * command line, as stage config reads them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lib/fs.h"
#include "tests/unit/scratch.h"
#include "tools/rosettactl/args.h"
#include "tools/rosettactl/command.h"
#include "tools/rosettactl/target.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define MAX_ARGS 16

/* Parse the words after "rosettactl" (a compound literal, NULL-ended). */
static int parse_words(struct rctl_args *a, struct rctl_usage *err, char *const *words)
{
	char *argv[MAX_ARGS + 1] = { "rosettactl" };
	int argc = 1;

	while (argc < MAX_ARGS && words[argc - 1]) {
		argv[argc] = words[argc - 1];
		argc++;
	}
	argv[argc] = NULL;
	return rctl_parse_args(argc, argv, a, err);
}

#define parse(a, err, ...) parse_words(a, err, (char *[]){ __VA_ARGS__ })

static void commands_and_operands(void **state)
{
	struct rctl_usage err;
	struct rctl_args a;

	(void)state;
	assert_int_equal(parse(&a, &err, "status", NULL), RCTL_RUN);
	assert_string_equal(a.cmd->name, "status");
	assert_int_equal(parse(&a, &err, "doctor", "flag-C", "share", "-J", NULL), RCTL_RUN);
	assert_string_equal(a.cmd->name, "doctor");
	assert_int_equal(a.noperands, 2);
	assert_true(a.format.json);
	assert_int_equal(parse(&a, &err, "--help", NULL), RCTL_HELP);
	assert_int_equal(parse(&a, &err, "doctor", "-V", NULL), RCTL_VERSION_INFO);
}

static void usage_errors(void **state)
{
	struct rctl_usage err;
	struct rctl_args a;

	(void)state;
	assert_int_equal(parse(&a, &err, NULL), -EINVAL);
	assert_string_equal(err.msg, "no command given");
	assert_int_equal(parse(&a, &err, "heal", NULL), -EINVAL);
	assert_string_equal(err.msg, "unknown command 'heal'");
	assert_int_equal(parse(&a, &err, "doctor", "no-such-check", NULL), -EINVAL);
	assert_string_equal(err.msg, "no check called 'no-such-check'");
	assert_int_equal(parse(&a, &err, "status", "extra", NULL), -EINVAL);
	assert_string_equal(err.msg, "unexpected argument 'extra' for 'status'");
	assert_int_equal(parse(&a, &err, "status", "-J", "-r", NULL), -EINVAL);
	assert_string_equal(err.msg, "--json and --raw exclude each other");
	assert_int_equal(parse(&a, &err, "status", "--root", NULL), -EINVAL);
	assert_string_equal(err.msg, "option --root needs an argument");
	assert_int_equal(parse(&a, &err, "status", "--root=", NULL), -EINVAL);
	assert_string_equal(err.msg, "--root needs a path");
	assert_int_equal(parse(&a, &err, "status", "-x", NULL), -EINVAL);
	assert_string_equal(err.msg, "unknown option -x");
	assert_int_equal(parse(&a, &err, "status", "-o", "CHECK", NULL), -EINVAL);
	assert_string_equal(err.msg, "option --output does not apply to 'status'");
	assert_int_equal(parse(&a, &err, "doctor", "-o", "CHECK,WHY", NULL), -EINVAL);
	assert_string_equal(err.msg, "unknown column 'WHY' (see --help)");
	assert_int_equal(parse(&a, &err, "doctor", "-o", "+remedy", "-r", NULL), RCTL_RUN);
	assert_string_equal(a.format.columns, "+remedy");
}

/* Every command takes the paths; each option is named in --help. */
static void every_command_takes_the_paths(void **state)
{
	(void)state;
	for (size_t i = 0; i < rctl_ncommands; i++) {
		unsigned long opts = rctl_command_opts(rctl_commands[i]);

		assert_true(opts & RCTL_OPT(RCTL_OPT_ROOT));
		assert_true(opts & RCTL_OPT(RCTL_OPT_PROC));
		assert_ptr_equal(rctl_find_command(rctl_commands[i]->name), rctl_commands[i]);
	}
	for (int i = 0; i < RCTL_OPT_COUNT; i++)
		assert_non_null(rctl_options[i].help);
}

static void paths_default_under_the_root(void **state)
{
	struct rctl_where w = { .root = "/tmp/no-such-root/" };
	struct error_record e;
	struct rctl_target t;
	char buf[PATH_MAX];

	(void)state;
	error_init(&e);
	assert_int_equal(rctl_target_init(&t, &w, &e), 0);
	assert_string_equal(t.root, "/tmp/no-such-root");
	assert_string_equal(t.proc, "/tmp/no-such-root/proc");
	assert_string_equal(t.sys, "/tmp/no-such-root/sys");
	assert_string_equal(t.binfmt_dir, "/tmp/no-such-root/proc/sys/fs/binfmt_misc");
	assert_string_equal(t.config_file, "/tmp/no-such-root/etc/rosetta-init.conf");
	assert_string_equal(t.mount, "/tmp/no-such-root/run/rosetta");
	assert_string_equal(t.translator, "/tmp/no-such-root/run/rosetta/rosetta");
	assert_string_equal(rctl_target_system_path(&t, t.binfmt_dir, buf, sizeof(buf)),
			    "/proc/sys/fs/binfmt_misc");
	assert_string_equal(rctl_target_system_path(&t, "/elsewhere", buf, sizeof(buf)),
			    "/elsewhere");
	assert_string_equal(rctl_target_path(&t, "/lib64/x", buf, sizeof(buf)),
			    "/tmp/no-such-root/lib64/x");

	w = (struct rctl_where){ .proc = "/p", .mount = "/m" };
	assert_int_equal(rctl_target_init(&t, &w, &e), 0);
	assert_string_equal(t.root, "/");
	assert_string_equal(t.binfmt_dir, "/p/sys/fs/binfmt_misc");
	assert_string_equal(t.translator, "/m/rosetta");
	assert_string_equal(rctl_target_path(&t, "/lib64/x", buf, sizeof(buf)), "/lib64/x");
}

/* The file, then the command line, which wins; the mount follows rosetta.mount. */
static void configuration_as_the_init_reads_it(void **state)
{
	struct scratch *s = *state;
	struct rctl_where w = { .root = s->dir };
	struct error_record e;
	struct rctl_target t;

	error_init(&e);
	assert_int_equal(make_dirs(scratch_path(s, "etc"), 0755), 0);
	assert_int_equal(make_dirs(scratch_path(s, "proc"), 0755), 0);
	assert_int_equal(scratch_put(s, "etc/rosetta-init.conf",
				     "tag=from-file\nmount=/mnt/rosetta\nbinfmt.flags=CF\n", 0644),
			 0);
	assert_int_equal(scratch_put(s, "proc/cmdline", "quiet rosetta.tag=from-cmdline\n", 0644),
			 0);
	assert_int_equal(rctl_target_init(&t, &w, &e), 0);
	assert_string_equal(t.cfg.tag, "from-cmdline");
	assert_string_equal(t.cfg.binfmt_flags, "CF");
	assert_string_equal(t.translator, scratch_path(s, "mnt/rosetta/rosetta"));
	assert_int_equal(t.config_warnings, 0);
	assert_int_equal(scratch_put(s, "proc/cmdline", "rosetta.verify=sometimes\n", 0644), 0);
	assert_int_equal(rctl_target_init(&t, &w, &e), 0);
	assert_int_equal(t.config_warnings, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(commands_and_operands),
		cmocka_unit_test(usage_errors),
		cmocka_unit_test(every_command_takes_the_paths),
		cmocka_unit_test(paths_default_under_the_root),
		cmocka_unit_test_setup_teardown(configuration_as_the_init_reads_it, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
