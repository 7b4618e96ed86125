/* binfmtctl's command line parser: defaults, options before and after the
 * command, operand counts, options that do not apply, output options and
 * their columns, and usage errors. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "binfmt/ctl/args.h"
#include "binfmt/ctl/command.h"

struct parsed {
	struct ctl_args a;
	struct ctl_usage err;
	int r;
};

/* Parse "binfmtctl" followed by the given words. The array outlives the
 * call because the parsed operands point into it. */
#define parse(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })

static char *argv_store[64];

static struct parsed parse_words(const char *const *words)
{
	struct parsed p;
	int argc = 0;

	memset(&p, 0, sizeof(p));
	argv_store[argc++] = (char *)"binfmtctl";
	for (; *words && argc < 63; words++)
		argv_store[argc++] = (char *)*words;
	argv_store[argc] = NULL;
	p.r = ctl_parse_args(argc, argv_store, &p.a, &p.err);
	return p;
}

static void assert_usage_error(struct parsed p, const char *needle)
{
	assert_int_equal(p.r, -EINVAL);
	if (!strstr(p.err.msg, needle))
		fail_msg("message '%s' lacks '%s'", p.err.msg, needle);
}

static void test_defaults(void **state)
{
	struct parsed p = parse("list");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_ptr_equal(p.a.cmd, &ctl_cmd_list);
	assert_string_equal(p.a.procdir, "/proc/sys/fs/binfmt_misc");
	assert_null(p.a.root);
	assert_false(p.a.format.json);
	assert_int_equal(p.a.noperands, 0);
	assert_string_equal(p.a.interpreter, "/run/rosetta/rosetta");
	assert_string_equal(p.a.flags, "CFP");
	assert_string_equal(p.a.name, "rosetta");
	assert_false(p.a.install);
}

static void test_global_options(void **state)
{
	struct parsed p = parse("--procdir", "/tmp/b", "--root", "/mnt", "--json", "status");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_ptr_equal(p.a.cmd, &ctl_cmd_status);
	assert_string_equal(p.a.procdir, "/tmp/b");
	assert_string_equal(p.a.root, "/mnt");
	assert_true(p.a.format.json);
}

static void test_options_after_command(void **state)
{
	struct parsed p = parse("show", "qemu-arm", "--json", "--procdir=/x");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_ptr_equal(p.a.cmd, &ctl_cmd_show);
	assert_int_equal(p.a.noperands, 1);
	assert_string_equal(p.a.operands[0], "qemu-arm");
	assert_true(p.a.format.json);
	assert_string_equal(p.a.procdir, "/x");
}

static void test_operands(void **state)
{
	struct parsed p = parse("remove", "a", "b", "c");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_ptr_equal(p.a.cmd, &ctl_cmd_remove);
	assert_int_equal(p.a.noperands, 3);
	assert_string_equal(p.a.operands[2], "c");
	p = parse("load");
	assert_int_equal(p.r, CTL_RUN);
	assert_int_equal(p.a.noperands, 0);
	p = parse("load", "/etc/binfmt.d", "x.conf");
	assert_int_equal(p.r, CTL_RUN);
	assert_int_equal(p.a.noperands, 2);
}

/* A register string whose delimiter is '-' would look like an option. */
static void test_double_dash(void **state)
{
	struct parsed p = parse("register", "--", "-x-E--jar--/bin/j-");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_ptr_equal(p.a.cmd, &ctl_cmd_register);
	assert_int_equal(p.a.noperands, 1);
	assert_string_equal(p.a.operands[0], "-x-E--jar--/bin/j-");
}

static void test_register_file(void **state)
{
	struct parsed p = parse("register", "--file", "line.conf");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_string_equal(p.a.file, "line.conf");
	assert_int_equal(p.a.noperands, 0);
	assert_usage_error(parse("register", "--file", "f", ":a:E::x::/b:"), "unexpected");
	assert_usage_error(parse("register"), "needs a register string");
}

static void test_rosetta(void **state)
{
	struct parsed p = parse("rosetta", "--install", "--interpreter", "/mnt/rosetta", "--flags",
				"CF", "--name", "x86_64");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_ptr_equal(p.a.cmd, &ctl_cmd_rosetta);
	assert_true(p.a.install);
	assert_string_equal(p.a.interpreter, "/mnt/rosetta");
	assert_string_equal(p.a.flags, "CF");
	assert_string_equal(p.a.name, "x86_64");
	p = parse("rosetta", "--print");
	assert_int_equal(p.r, CTL_RUN);
	assert_false(p.a.install);
	assert_usage_error(parse("rosetta", "--print", "--install"), "exclude");
	assert_usage_error(parse("rosetta", "--flags", "CFX"), "bad --flags 'CFX'");
	assert_usage_error(parse("rosetta", "extra"), "unexpected argument 'extra'");
}

static void test_conflicts(void **state)
{
	struct parsed p = parse("conflicts");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_int_equal(p.a.noperands, 0);
	p = parse("conflicts", "--disable", "x86_64");
	assert_int_equal(p.r, CTL_RUN);
	assert_true(p.a.disable);
	assert_string_equal(p.a.operands[0], "x86_64");
	p = parse("conflicts", "--all", "--json");
	assert_int_equal(p.r, CTL_RUN);
	assert_true(p.a.all);
	assert_usage_error(parse("conflicts", "--all", "rosetta"), "unexpected argument 'rosetta'");
	assert_usage_error(parse("conflicts", "--all", "--disable"), "--disable");
	assert_usage_error(parse("conflicts", "a", "b"), "unexpected argument 'b'");
}

static void test_option_not_for_command(void **state)
{
	(void)state;
	assert_usage_error(parse("remove", "x", "--json"), "--json does not apply to 'remove'");
	assert_usage_error(parse("list", "--install"), "--install does not apply to 'list'");
	assert_usage_error(parse("--disable", "show", "x"), "--disable does not apply to 'show'");
	assert_usage_error(parse("load", "--file", "x"), "--file does not apply to 'load'");
}

static void test_usage_errors(void **state)
{
	(void)state;
	assert_usage_error(parse("--bogus", "list"), "unknown option --bogus");
	assert_usage_error(parse("-x", "list"), "unknown option -x");
	assert_usage_error(parse("list", "--procdir"), "option --procdir needs an argument");
	assert_usage_error(parse("--procdir", "", "list"), "--procdir needs a directory");
	assert_usage_error(parse("--json"), "no command");
	assert_usage_error(parse("frobnicate"), "unknown command 'frobnicate'");
	assert_usage_error(parse("show"), "needs an entry NAME");
	assert_usage_error(parse("show", "a", "b"), "unexpected argument 'b'");
	assert_usage_error(parse("enable"), "needs an entry NAME");
	assert_usage_error(parse("import"), "needs at least one FILE");
	assert_usage_error(parse("list", "x"), "unexpected argument 'x' for 'list'");
}

static void test_help_version(void **state)
{
	(void)state;
	assert_int_equal(parse("--help").r, CTL_HELP);
	assert_int_equal(parse("-h").r, CTL_HELP);
	assert_int_equal(parse("list", "--help").r, CTL_HELP);
	assert_int_equal(parse("--version").r, CTL_VERSION_INFO);
	assert_int_equal(parse("-V").r, CTL_VERSION_INFO);
}

static void test_command_names(void **state)
{
	(void)state;
	assert_ptr_equal(ctl_find_command("list"), &ctl_cmd_list);
	assert_ptr_equal(ctl_find_command("conflicts"), &ctl_cmd_conflicts);
	assert_null(ctl_find_command("?"));
	assert_int_equal(ctl_ncommands, 12);
	for (size_t i = 0; i < ctl_ncommands; i++) {
		struct parsed p = parse(ctl_commands[i]->name, "--help");

		assert_int_equal(p.r, CTL_HELP);
		assert_ptr_equal(ctl_find_command(ctl_commands[i]->name), ctl_commands[i]);
	}
}

static void test_output_options(void **state)
{
	struct parsed p = parse("list", "-J", "-n", "-o", "name,STATE");

	(void)state;
	assert_int_equal(p.r, CTL_RUN);
	assert_true(p.a.format.json);
	assert_true(p.a.format.noheadings);
	assert_string_equal(p.a.format.columns, "name,STATE");
	p = parse("--raw", "--output=+MAGIC", "show", "x");
	assert_int_equal(p.r, CTL_RUN);
	assert_true(p.a.format.raw);
	p = parse("status", "-o", "DIRECTORY,ENTRIES");
	assert_int_equal(p.r, CTL_RUN);
	p = parse("conflicts", "--all", "-o", "NAME,OVERLAPS,OVERLAPS_ENABLED");
	assert_int_equal(p.r, CTL_RUN);
	assert_usage_error(parse("list", "-o", "NAME,BOGUS"), "unknown column 'BOGUS'");
	assert_usage_error(parse("status", "-o", "MAGIC"), "unknown column 'MAGIC'");
	assert_usage_error(parse("list", "-o", ""), "no column");
	assert_usage_error(parse("list", "-J", "-r"), "--json and --raw exclude each other");
	assert_usage_error(parse("rosetta", "-J"), "--json does not apply to 'rosetta'");
	assert_usage_error(parse("remove", "x", "-o", "NAME"), "--output does not apply");
	assert_usage_error(parse("list", "-o"), "option -o needs an argument");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_global_options),
		cmocka_unit_test(test_options_after_command),
		cmocka_unit_test(test_operands),
		cmocka_unit_test(test_double_dash),
		cmocka_unit_test(test_register_file),
		cmocka_unit_test(test_rosetta),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_option_not_for_command),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_command_names),
		cmocka_unit_test(test_output_options),
	};

	return cmocka_run_group_tests_name("binfmtctl_args", tests, NULL, NULL);
}
