/* The usage of rosettactl's commands that act on this system: test, bench,
 * activate and deactivate. Each takes its own options and no other
 * command's, none takes --root or operands, a path option needs a path,
 * --runs a number from 1 to 1000; the output options only where a table is
 * printed. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tools/rosettactl/args.h"
#include "tools/rosettactl/command.h"

#include <cmocka.h>

struct parsed {
	struct rctl_args a;
	struct rctl_usage err;
	int r;
};

#define parse(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })

static char *argv_store[64];

static struct parsed parse_words(const char *const *words)
{
	struct parsed p;
	int argc = 0;

	memset(&p, 0, sizeof(p));
	argv_store[argc++] = (char *)"rosettactl";
	for (; *words && argc < 63; words++)
		argv_store[argc++] = (char *)*words;
	argv_store[argc] = NULL;
	p.r = rctl_parse_args(argc, argv_store, &p.a, &p.err);
	return p;
}

static void usage_error(struct parsed p, const char *needle)
{
	assert_int_equal(p.r, -EINVAL);
	if (!strstr(p.err.msg, needle))
		fail_msg("message '%s' lacks '%s'", p.err.msg, needle);
}

static void each_command_alone(void **state)
{
	static const struct {
		const char *word;
		const struct rctl_command *cmd;
	} cmds[] = {
		{ "test", &rctl_cmd_test },
		{ "bench", &rctl_cmd_bench },
		{ "activate", &rctl_cmd_activate },
		{ "deactivate", &rctl_cmd_deactivate },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		struct parsed p = parse(cmds[i].word);

		assert_int_equal(p.r, RCTL_RUN);
		assert_ptr_equal(p.a.cmd, cmds[i].cmd);
		assert_null(p.a.value[RCTL_OPT_PROGRAM]);
		assert_null(p.a.value[RCTL_OPT_STATE]);
		usage_error(parse(cmds[i].word, "extra"), "unexpected argument 'extra'");
		usage_error(parse(cmds[i].word, "--root", "/mnt"), "--root does not apply to");
	}
}

static void test_and_its_options(void **state)
{
	struct parsed p = parse("test", "--program", "/opt/selftest", "-J");

	(void)state;
	assert_int_equal(p.r, RCTL_RUN);
	assert_string_equal(p.a.value[RCTL_OPT_PROGRAM], "/opt/selftest");
	assert_true(p.a.format.json);
	/* Options may come before the command, as in git. */
	p = parse("--program=/x", "test");
	assert_int_equal(p.r, RCTL_RUN);
	assert_string_equal(p.a.value[RCTL_OPT_PROGRAM], "/x");
	usage_error(parse("test", "--program", ""), "--program needs a path");
	usage_error(parse("test", "--program"), "needs an argument");
	usage_error(parse("test", "--runs", "3"), "option --runs does not apply to 'test'");
	usage_error(parse("test", "--state", "/s"), "option --state does not apply to 'test'");
	usage_error(parse("test", "--no-mount"), "option --no-mount does not apply to 'test'");
}

static void bench_and_its_options(void **state)
{
	struct parsed p = parse("bench", "--runs", "1000", "--translator", "/usr/bin/env",
				"--program", "/p", "-r");

	(void)state;
	assert_int_equal(p.r, RCTL_RUN);
	assert_string_equal(p.a.value[RCTL_OPT_RUNS], "1000");
	assert_string_equal(p.a.value[RCTL_OPT_TRANSLATOR], "/usr/bin/env");
	assert_string_equal(p.a.value[RCTL_OPT_PROGRAM], "/p");
	assert_true(p.a.format.raw);
	assert_int_equal(parse("bench", "--runs=1").r, RCTL_RUN);
	usage_error(parse("bench", "--runs", "0"), "--runs takes 1 to 1000, not '0'");
	usage_error(parse("bench", "--runs", "1001"), "--runs takes 1 to 1000, not '1001'");
	usage_error(parse("bench", "--runs", "20x"), "not '20x'");
	usage_error(parse("bench", "--runs", "-5"), "not '-5'");
	usage_error(parse("bench", "--runs", ""), "not ''");
	usage_error(parse("bench", "--translator", ""), "--translator needs a path");
	usage_error(parse("bench", "--no-mount"), "option --no-mount does not apply to 'bench'");
	usage_error(parse("bench", "-J", "-r"), "--json and --raw exclude each other");
}

static void activate_and_deactivate_options(void **state)
{
	struct parsed p =
	    parse("activate", "--no-mount", "--mount", "/share", "--state", "/s", "--program", "/p",
		  "--binfmt-dir", "/b", "--proc", "/pr", "--sys", "/sy", "--config", "/c");

	(void)state;
	assert_int_equal(p.r, RCTL_RUN);
	assert_true(p.a.seen & RCTL_OPT(RCTL_OPT_NO_MOUNT));
	assert_string_equal(p.a.where.mount, "/share");
	assert_string_equal(p.a.value[RCTL_OPT_STATE], "/s");
	assert_string_equal(p.a.where.binfmt_dir, "/b");
	assert_string_equal(p.a.where.config, "/c");
	usage_error(parse("activate", "--state", ""), "--state needs a path");
	usage_error(parse("activate", "-J"), "option --json does not apply to 'activate'");
	usage_error(parse("activate", "--runs", "2"), "option --runs does not apply");
	p = parse("deactivate", "--state", "/s");
	assert_int_equal(p.r, RCTL_RUN);
	assert_string_equal(p.a.value[RCTL_OPT_STATE], "/s");
	usage_error(parse("deactivate", "--no-mount"), "--no-mount does not apply to 'deactivate'");
	usage_error(parse("deactivate", "--program", "/p"), "--program does not apply");
	usage_error(parse("deactivate", "-n"), "--noheadings does not apply to 'deactivate'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_command_alone),
		cmocka_unit_test(test_and_its_options),
		cmocka_unit_test(bench_and_its_options),
		cmocka_unit_test(activate_and_deactivate_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
