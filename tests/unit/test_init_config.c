/* rosetta-init command line parsing: defaults, each key, quoting, refused
 * values, and the entry word splitting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "init/config.h"

struct warnings {
	int count;
	char last[256];
};

static void record(void *arg, const char *key, const char *problem)
{
	struct warnings *w = arg;

	w->count++;
	snprintf(w->last, sizeof(w->last), "%s: %s", key, problem);
}

static int parse(struct config *cfg, const char *cmdline, struct warnings *w)
{
	memset(w, 0, sizeof(*w));
	config_defaults(cfg);
	return config_parse_cmdline(cfg, cmdline, record, w);
}

static void defaults_match_design(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "console=ttyAMA0 quiet panic=-1", &w), 0);
	assert_string_equal(cfg.tag, "rosetta");
	assert_string_equal(cfg.mount, "/run/rosetta");
	assert_string_equal(cfg.root, "initramfs:/x86");
	assert_string_equal(cfg.entry, "/bin/sh");
	assert_int_equal(cfg.timeout_ms, 10000);
	assert_string_equal(cfg.binfmt_name, "rosetta");
	assert_string_equal(cfg.binfmt_flags, "CFP");
	assert_int_equal(cfg.emergency, EMERGENCY_POWEROFF);
	assert_int_equal(cfg.verify, VERIFY_STRICT);
	assert_string_equal(cfg.sha256, "");
	assert_int_equal(cfg.selftest, 1);
	assert_int_equal(cfg.selftest_timeout_ms, 60000);
}

static void every_key_applies(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "rosetta.tag=vz-rosetta rosetta.mount=/mnt/lima-rosetta "
			       "rosetta.root=initramfs:/tree rosetta.timeout=3 "
			       "rosetta.binfmt.name=x86_64 rosetta.binfmt.flags=CF "
			       "rosetta.emergency=halt rosetta.entry=/bin/true rosetta.verify=elf "
			       "rosetta.selftest=0 rosetta.selftest.timeout=5 "
			       "rosetta.sha256="
			       "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
			       &w),
			 0);
	assert_string_equal(cfg.tag, "vz-rosetta");
	assert_string_equal(cfg.mount, "/mnt/lima-rosetta");
	assert_string_equal(cfg.root, "initramfs:/tree");
	assert_int_equal(cfg.timeout_ms, 3000);
	assert_string_equal(cfg.binfmt_name, "x86_64");
	assert_string_equal(cfg.binfmt_flags, "CF");
	assert_int_equal(cfg.emergency, EMERGENCY_HALT);
	assert_string_equal(cfg.entry, "/bin/true");
	assert_int_equal(cfg.verify, VERIFY_ELF);
	assert_int_equal(cfg.selftest, 0);
	assert_int_equal(cfg.selftest_timeout_ms, 5000);
	assert_string_equal(cfg.sha256,
			    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
}

static void double_quotes_group_and_vanish(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "quiet rosetta.entry=\"/bin/sh -c 'echo hi'\" panic=-1", &w),
			 0);
	assert_string_equal(cfg.entry, "/bin/sh -c 'echo hi'");
}

static void last_repeated_key_wins(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	parse(&cfg, "rosetta.tag=a rosetta.tag=b", &w);
	assert_string_equal(cfg.tag, "b");
}

static void bad_values_warn_and_keep_defaults(void **state)
{
	static const struct {
		const char *cmdline, *warning;
	} cases[] = {
		{ "rosetta.timeout=0", "rosetta.timeout: not a number of seconds from 1 to 3600" },
		{ "rosetta.timeout=5s", "rosetta.timeout: not a number of seconds from 1 to 3600" },
		{ "rosetta.timeout=-1", "rosetta.timeout: not a number of seconds from 1 to 3600" },
		{ "rosetta.timeout=99999999999999999999",
		  "rosetta.timeout: not a number of seconds from 1 to 3600" },
		{ "rosetta.mount=run/rosetta", "rosetta.mount: not an absolute path" },
		{ "rosetta.tag=", "rosetta.tag: empty value" },
		{ "rosetta.tag", "rosetta.tag: missing '=VALUE'" },
		{ "rosetta.binfmt.flags=CX",
		  "rosetta.binfmt.flags: flags must be letters from P, O, C, F" },
		{ "rosetta.binfmt.name=register",
		  "rosetta.binfmt.name: not a usable binfmt_misc entry name" },
		{ "rosetta.binfmt.name=a/b",
		  "rosetta.binfmt.name: not a usable binfmt_misc entry name" },
		{ "rosetta.root=/dev/vda", "rosetta.root: not initramfs:/PATH" },
		{ "rosetta.emergency=panic",
		  "rosetta.emergency: not one of poweroff, halt, reboot" },
		{ "rosetta.colour=blue", "rosetta.colour: unknown key" },
		{ "rosetta.verify=paranoid", "rosetta.verify: not one of strict, elf, off" },
		{ "rosetta.sha256=abc", "rosetta.sha256: not 64 hex digits" },
		{ "rosetta.selftest=yes", "rosetta.selftest: not 0 or 1" },
		{ "rosetta.selftest.timeout=0",
		  "rosetta.selftest.timeout: not a number of seconds from 1 to 3600" },
		{ "rosetta.sha256=ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		  "rosetta.sha256: not 64 hex digits" },
	};
	struct config cfg, defaults;
	struct warnings w;

	(void)state;
	config_defaults(&defaults);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(parse(&cfg, cases[i].cmdline, &w), 1);
		assert_string_equal(w.last, cases[i].warning);
		assert_memory_equal(&cfg, &defaults, sizeof(cfg));
	}
}

static void over_long_value_is_refused(void **state)
{
	char cmdline[CONFIG_ENTRY_MAX + 200] = "rosetta.tag=";
	struct config cfg;
	struct warnings w;

	(void)state;
	memset(cmdline + strlen(cmdline), 'a', CONFIG_STR_MAX);
	assert_int_equal(parse(&cfg, cmdline, &w), 1);
	assert_string_equal(w.last, "rosetta.tag: value too long");
	assert_string_equal(cfg.tag, "rosetta");
}

static void other_keys_are_ignored(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "root=/dev/vda rosettaX=1 virtiofs.tag=x", &w), 0);
	assert_int_equal(w.count, 0);
}

static void entry_split_words(void **state)
{
	char buf[128], *argv[8];

	(void)state;
	assert_int_equal(
	    config_split_entry("/bin/sh -c 'echo hi; exit 7'", buf, sizeof(buf), argv, 8), 3);
	assert_string_equal(argv[0], "/bin/sh");
	assert_string_equal(argv[1], "-c");
	assert_string_equal(argv[2], "echo hi; exit 7");
	assert_null(argv[3]);

	assert_int_equal(config_split_entry("  /bin/echo '' a''b  ", buf, sizeof(buf), argv, 8), 3);
	assert_string_equal(argv[1], "");
	assert_string_equal(argv[2], "ab");
}

static void entry_split_errors(void **state)
{
	char buf[24], *argv[3];

	(void)state;
	assert_int_equal(config_split_entry("/bin/sh 'oops", buf, sizeof(buf), argv, 3), -EINVAL);
	assert_int_equal(config_split_entry("a b c", buf, sizeof(buf), argv, 3), -E2BIG);
	assert_int_equal(config_split_entry("0123456789abcdefghijklmn", buf, sizeof(buf), argv, 3),
			 -E2BIG);
	assert_int_equal(config_split_entry("   ", buf, sizeof(buf), argv, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_match_design),
		cmocka_unit_test(every_key_applies),
		cmocka_unit_test(double_quotes_group_and_vanish),
		cmocka_unit_test(last_repeated_key_wins),
		cmocka_unit_test(bad_values_warn_and_keep_defaults),
		cmocka_unit_test(over_long_value_is_refused),
		cmocka_unit_test(other_keys_are_ignored),
		cmocka_unit_test(entry_split_words),
		cmocka_unit_test(entry_split_errors),
	};

	return cmocka_run_group_tests_name("init_config", tests, NULL, NULL);
}
