/* rosetta-init command line parsing: defaults, each key, quoting, refused
 * values and their warnings, and the entry word splitting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "init/config.h"
#include "lib/array_size.h"

struct warnings {
	int count;
	char last[512];
};

/* "KEY: PROBLEM", as the config stage prints it for the command line. */
static void record(void *arg, const char *where, const char *key, const char *problem)
{
	struct warnings *w = arg;

	assert_null(where);
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
	assert_int_equal(cfg.coldplug, COLDPLUG_BOOT);
	assert_string_equal(cfg.binfmt_name, "rosetta");
	assert_string_equal(cfg.binfmt_flags, "CFP");
	assert_int_equal(cfg.emergency, EMERGENCY_AUTO);
	assert_int_equal(cfg.verify, VERIFY_STRICT);
	assert_string_equal(cfg.sha256, "");
	assert_int_equal(cfg.selftest, 1);
	assert_int_equal(cfg.selftest_timeout_ms, 60000);
	assert_string_equal(cfg.exec, "");
	assert_int_equal(cfg.shutdown_timeout_ms, 5000);
	assert_string_equal(cfg.break_stage, "");
	assert_string_equal(cfg.cache, "");
	/* The kernel's own `quiet` is not rosetta.quiet. */
	assert_int_equal(cfg.log_level, LOG_LEVEL_NORMAL);
	assert_string_equal(cfg.env[0], "");
	assert_int_equal(cfg.nservices, 0);
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
			       "rosetta.selftest=0 rosetta.selftest.timeout=5 rosetta.coldplug=all "
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
	assert_int_equal(cfg.coldplug, COLDPLUG_ALL);
	assert_int_equal(cfg.selftest, 0);
	assert_int_equal(cfg.selftest_timeout_ms, 5000);
	assert_string_equal(cfg.sha256,
			    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
}

static void new_keys_apply(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "rosetta.exec=/sbin/init rosetta.shutdown.timeout=30 "
			       "rosetta.break=root rosetta.emergency=shell "
			       "rosetta.cache=/var/cache/rosetta rosetta.debug",
			       &w),
			 0);
	assert_string_equal(cfg.exec, "/sbin/init");
	assert_int_equal(cfg.shutdown_timeout_ms, 30000);
	assert_string_equal(cfg.break_stage, "root");
	assert_int_equal(cfg.emergency, EMERGENCY_SHELL);
	assert_string_equal(cfg.cache, "/var/cache/rosetta");
	assert_int_equal(cfg.log_level, LOG_LEVEL_DEBUG);
}

static void double_quotes_group_and_vanish(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "quiet rosetta.entry=\"/bin/sh -c 'echo hi'\" panic=-1", &w),
			 0);
	assert_string_equal(cfg.entry, "/bin/sh -c 'echo hi'");
	assert_int_equal(parse(&cfg, "rosetta.tag=a\"b c\"d rosetta.exec=\"/sbin/init\"", &w), 0);
	assert_string_equal(cfg.tag, "ab cd");
	assert_string_equal(cfg.exec, "/sbin/init");
	/* An unpaired quote runs to the end of the line, as in the kernel. */
	assert_int_equal(parse(&cfg, "rosetta.entry=\"/bin/echo a b", &w), 0);
	assert_string_equal(cfg.entry, "/bin/echo a b");
}

static void last_repeated_key_wins(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	parse(&cfg, "rosetta.tag=a rosetta.tag=b", &w);
	assert_string_equal(cfg.tag, "b");
	parse(&cfg,
	      "rosetta.shutdown.timeout=9 rosetta.exec=/a rosetta.shutdown.timeout=7 "
	      "rosetta.exec=/b",
	      &w);
	assert_int_equal(cfg.shutdown_timeout_ms, 7000);
	assert_string_equal(cfg.exec, "/b");
}

/* A refused value keeps what an earlier word set, not only the default. */
static void refused_value_keeps_earlier_one(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "rosetta.timeout=5 rosetta.timeout=abc", &w), 1);
	assert_int_equal(cfg.timeout_ms, 5000);
	assert_int_equal(parse(&cfg, "rosetta.break=root rosetta.break=nowhere", &w), 1);
	assert_string_equal(cfg.break_stage, "root");
}

/* Every form of rosetta.root (lib/contract.h) is taken as written. */
static void root_forms_are_accepted(void **state)
{
	static const char *const roots[] = {
		"initramfs:/x86",     "virtiofs:rosetta-root", "/dev/vda",	   "/dev/nvme0n1p2",
		"LABEL=debian-amd64", "UUID=0b5a-77f1",	       "PARTUUID=6c8e-01",
	};
	struct config cfg;
	struct warnings w;
	char line[128];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(roots); i++) {
		snprintf(line, sizeof(line), "rosetta.root=%s", roots[i]);
		assert_int_equal(parse(&cfg, line, &w), 0);
		assert_string_equal(cfg.root, roots[i]);
		assert_string_equal(cfg.root_refused, "");
	}
	assert_int_equal(
	    parse(&cfg,
		  "rosetta.root=/dev/vdb rosetta.rootfstype=xfs "
		  "rosetta.rootflags=noatime,nobarrier rosetta.ro rosetta.overlay=tmpfs",
		  &w),
	    0);
	assert_string_equal(cfg.rootfstype, "xfs");
	assert_string_equal(cfg.rootflags, "noatime,nobarrier");
	assert_true(cfg.root_ro);
	assert_true(cfg.overlay);
	assert_int_equal(parse(&cfg, "rosetta.ro rosetta.rw", &w), 0);
	assert_false(cfg.root_ro);
}

/* A refused root key is warned about like any other, and remembered, so
 * that stage root fails instead of booting the default tree. */
static void refused_root_keys_are_remembered(void **state)
{
	static const struct {
		const char *cmdline, *warning, *refused;
	} cases[] = {
		{ "rosetta.root=sda1", "rosetta.root: 'sda1' is not one of initramfs:/PATH",
		  "rosetta.root=sda1" },
		{ "rosetta.root=virtiofs:", "rosetta.root: 'virtiofs:' is not", NULL },
		{ "rosetta.root=initramfs:x86", "rosetta.root: 'initramfs:x86' is not", NULL },
		{ "rosetta.root=/dev/", "rosetta.root: '/dev/' is not", NULL },
		{ "rosetta.root=/dev/../etc/passwd", "rosetta.root: '/dev/../etc/passwd' is not",
		  NULL },
		{ "rosetta.root=LABEL=", "rosetta.root: 'LABEL=' is not", NULL },
		{ "rosetta.root", "rosetta.root: no value, expected one of", "rosetta.root=" },
		{ "rosetta.overlay=disk", "rosetta.overlay: 'disk' is not tmpfs",
		  "rosetta.overlay=disk" },
		{ "rosetta.ro=0", "rosetta.ro: '0' is not 1, or no value", "rosetta.ro=0" },
		{ "rosetta.rootfstype=", "rosetta.rootfstype: '' is not a filesystem type",
		  "rosetta.rootfstype=" },
		{ "rosetta.root=initramfs:/x rosetta.root=UUID= rosetta.overlay=x",
		  "rosetta.overlay: 'x' is not tmpfs", "rosetta.root=UUID=" },
	};
	struct config cfg;
	struct warnings w;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_true(parse(&cfg, cases[i].cmdline, &w) >= 1);
		assert_non_null(strstr(w.last, cases[i].warning));
		assert_true(cfg.root_refused[0] != '\0');
		if (cases[i].refused)
			assert_string_equal(cfg.root_refused, cases[i].refused);
	}
}

#define SECONDS	 "is not a number of seconds from 1 to 3600"
#define ABS_PATH "is not an absolute path of at most 255 bytes"
#define STAGES	 "one of early, config, modules, share, verify, register, root, selftest, switch, run"
#define ENV_NAME "is not a variable name ([A-Za-z_][A-Za-z0-9_]*)"
#define BINFMT_NAME                                                                                \
	"is not a binfmt_misc entry name of 1 to 63 bytes without '/' or ':', other than "         \
	"register, status, . and .."

static void bad_values_warn_and_keep_defaults(void **state)
{
	static const struct {
		const char *cmdline, *warning;
	} cases[] = {
		{ "rosetta.timeout=0", "rosetta.timeout: '0' " SECONDS },
		{ "rosetta.timeout=5s", "rosetta.timeout: '5s' " SECONDS },
		{ "rosetta.timeout=-1", "rosetta.timeout: '-1' " SECONDS },
		{ "rosetta.timeout=+5", "rosetta.timeout: '+5' " SECONDS },
		{ "rosetta.timeout=0x10", "rosetta.timeout: '0x10' " SECONDS },
		{ "rosetta.timeout=3601", "rosetta.timeout: '3601' " SECONDS },
		{ "rosetta.timeout=99999999999999999999",
		  "rosetta.timeout: '99999999999999999999' " SECONDS },
		{ "rosetta.timeout=", "rosetta.timeout: '' " SECONDS },
		{ "rosetta.mount=run/rosetta", "rosetta.mount: 'run/rosetta' " ABS_PATH },
		{ "rosetta.tag=", "rosetta.tag: '' is not a virtiofs tag of 1 to 255 bytes" },
		{ "rosetta.tag",
		  "rosetta.tag: no value, expected a virtiofs tag of 1 to 255 bytes" },
		{ "rosetta.entry=", "rosetta.entry: '' is not a command line of 1 to 1023 bytes" },
		{ "rosetta.binfmt.flags=CX",
		  "rosetta.binfmt.flags: 'CX' is not letters from P, O, C, F" },
		{ "rosetta.binfmt.name=register", "rosetta.binfmt.name: 'register' " BINFMT_NAME },
		{ "rosetta.binfmt.name=a/b", "rosetta.binfmt.name: 'a/b' " BINFMT_NAME },
		{ "rosetta.emergency=panic",
		  "rosetta.emergency: 'panic' is not one of shell, poweroff, halt, reboot, auto" },
		{ "rosetta.coldplug=some", "rosetta.coldplug: 'some' is not one of boot, all" },
		{ "rosetta.emergency=Shell",
		  "rosetta.emergency: 'Shell' is not one of shell, poweroff, halt, reboot, auto" },
		{ "rosetta.colour=blue", "rosetta.colour: unknown key" },
		{ "rosetta.=1", "rosetta.: unknown key" },
		{ "rosetta.verify=paranoid",
		  "rosetta.verify: 'paranoid' is not one of strict, elf, off" },
		{ "rosetta.sha256=abc", "rosetta.sha256: 'abc' is not 64 hex digits" },
		{ "rosetta.selftest=yes", "rosetta.selftest: 'yes' is not 0 or 1" },
		{ "rosetta.selftest.timeout=0", "rosetta.selftest.timeout: '0' " SECONDS },
		{ "rosetta.sha256=ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		  "rosetta.sha256: "
		  "'ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' "
		  "is not 64 hex digits" },
		{ "rosetta.exec=sbin/init", "rosetta.exec: 'sbin/init' " ABS_PATH },
		{ "rosetta.exec=", "rosetta.exec: '' " ABS_PATH },
		{ "rosetta.exec",
		  "rosetta.exec: no value, expected an absolute path of at most 255 bytes" },
		{ "rosetta.shutdown.timeout=abc", "rosetta.shutdown.timeout: 'abc' " SECONDS },
		{ "rosetta.shutdown.timeout=0", "rosetta.shutdown.timeout: '0' " SECONDS },
		{ "rosetta.shutdown.timeout=-3", "rosetta.shutdown.timeout: '-3' " SECONDS },
		{ "rosetta.shutdown.timeout=10x", "rosetta.shutdown.timeout: '10x' " SECONDS },
		{ "rosetta.shutdown.timeout=18446744073709551616",
		  "rosetta.shutdown.timeout: '18446744073709551616' " SECONDS },
		{ "rosetta.break=nowhere", "rosetta.break: 'nowhere' is not " STAGES },
		{ "rosetta.break=", "rosetta.break: '' is not " STAGES },
		{ "rosetta.break", "rosetta.break: no value, expected " STAGES },
		{ "rosetta.break=shutdown", "rosetta.break: 'shutdown' is not " STAGES },
		{ "rosetta.cache=cache", "rosetta.cache: 'cache' " ABS_PATH },
		{ "rosetta.quiet=2", "rosetta.quiet: '2' is not 0 or 1, or no value" },
		{ "rosetta.quiet=", "rosetta.quiet: '' is not 0 or 1, or no value" },
		{ "rosetta.debug=yes", "rosetta.debug: 'yes' is not 0 or 1, or no value" },
		{ "rosetta.env.1X=a", "rosetta.env.1X: '1X' " ENV_NAME },
		{ "rosetta.env.=a", "rosetta.env.: '' " ENV_NAME },
		{ "rosetta.env.A-B=1", "rosetta.env.A-B: 'A-B' " ENV_NAME },
		{ "rosetta.env.PATH", "rosetta.env.PATH: no value, expected a value that fits "
				      "NAME=VALUE in 255 bytes" },
		{ "rosetta.service.web.argv=/bin/httpd",
		  "rosetta.service.web.argv: services are declared in the configuration file "
		  "only" },
	};
	struct config cfg, defaults;
	struct warnings w;

	(void)state;
	config_defaults(&defaults);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(parse(&cfg, cases[i].cmdline, &w), 1);
		assert_string_equal(w.last, cases[i].warning);
		assert_memory_equal(&cfg, &defaults, sizeof(cfg));
	}
}

static void over_long_value_is_refused(void **state)
{
	char cmdline[CONFIG_ENTRY_MAX + 200] = "rosetta.tag=", expected[200];
	size_t at = strlen(cmdline);
	struct config cfg;
	struct warnings w;

	(void)state;
	memset(cmdline + at, 'a', CONFIG_STR_MAX);
	assert_int_equal(parse(&cfg, cmdline, &w), 1);
	/* Shown cut to 64 bytes. */
	snprintf(expected, sizeof(expected),
		 "rosetta.tag: '%.64s...' is not a virtiofs tag of 1 to 255 bytes", cmdline + at);
	assert_string_equal(w.last, expected);
	assert_string_equal(cfg.tag, "rosetta");

	/* 255 bytes fit. */
	cmdline[at + CONFIG_STR_MAX - 1] = '\0';
	assert_int_equal(parse(&cfg, cmdline, &w), 0);
	assert_int_equal(strlen(cfg.tag), CONFIG_STR_MAX - 1);
}

/* A word longer than the reader's buffer (1087 bytes) is cut, and a cut
 * value is never applied, even when what is left would pass: here the value
 * is 509999 after 1069 zeros, and the 1071 bytes kept would read 50. */
static void cut_word_is_refused(void **state)
{
	char cmdline[1200] = "rosetta.timeout=";
	size_t at = strlen(cmdline);
	struct config cfg;
	struct warnings w;

	(void)state;
	memset(cmdline + at, '0', 1069);
	snprintf(cmdline + at + 1069, sizeof(cmdline) - at - 1069, "509999");
	assert_int_equal(parse(&cfg, cmdline, &w), 1);
	assert_string_equal(w.last,
			    "rosetta.timeout: '"
			    "0000000000000000000000000000000000000000000000000000000000000000"
			    "...' " SECONDS);
	assert_int_equal(cfg.timeout_ms, 10000);
}

static void seconds_bounds(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "rosetta.shutdown.timeout=1 rosetta.timeout=3600", &w), 0);
	assert_int_equal(cfg.shutdown_timeout_ms, 1000);
	assert_int_equal(cfg.timeout_ms, 3600000);
}

static void emergency_values(void **state)
{
	static const struct {
		const char *cmdline;
		enum emergency_action action;
	} cases[] = {
		{ "rosetta.emergency=poweroff", EMERGENCY_POWEROFF },
		{ "rosetta.emergency=halt", EMERGENCY_HALT },
		{ "rosetta.emergency=reboot", EMERGENCY_REBOOT },
		{ "rosetta.emergency=shell", EMERGENCY_SHELL },
		{ "rosetta.emergency=halt rosetta.emergency=auto", EMERGENCY_AUTO },
	};
	struct config cfg;
	struct warnings w;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(parse(&cfg, cases[i].cmdline, &w), 0);
		assert_int_equal(cfg.emergency, cases[i].action);
	}
}

static void break_takes_every_stage_name(void **state)
{
	static const char *const expected[] = {
		"early",    "config", "modules",  "share",  "verify",
		"register", "root",   "selftest", "switch", "run",
	};
	const size_t count = ARRAY_SIZE(expected);
	char cmdline[64];
	struct config cfg;
	struct warnings w;
	size_t n;

	(void)state;
	for (n = 0; contract_stage_names[n]; n++) {
		assert_true(n < count);
		assert_string_equal(contract_stage_names[n], expected[n]);
		snprintf(cmdline, sizeof(cmdline), "rosetta.break=%s", contract_stage_names[n]);
		assert_int_equal(parse(&cfg, cmdline, &w), 0);
		assert_string_equal(cfg.break_stage, expected[n]);
	}
	assert_int_equal(n, count);
}

static void quiet_and_debug_later_wins(void **state)
{
	static const struct {
		const char *cmdline;
		enum log_level level;
	} cases[] = {
		{ "rosetta.quiet", LOG_LEVEL_QUIET },
		{ "rosetta.quiet=1", LOG_LEVEL_QUIET },
		{ "rosetta.debug", LOG_LEVEL_DEBUG },
		{ "rosetta.debug=1", LOG_LEVEL_DEBUG },
		{ "rosetta.quiet rosetta.debug", LOG_LEVEL_DEBUG },
		{ "rosetta.debug rosetta.quiet", LOG_LEVEL_QUIET },
		{ "rosetta.debug rosetta.debug=0", LOG_LEVEL_NORMAL },
		{ "rosetta.quiet rosetta.quiet=0", LOG_LEVEL_NORMAL },
		{ "rosetta.debug rosetta.quiet=0", LOG_LEVEL_NORMAL },
		{ "rosetta.quiet=0", LOG_LEVEL_NORMAL },
		{ "quiet debug loglevel=7", LOG_LEVEL_NORMAL },
	};
	struct config cfg;
	struct warnings w;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(parse(&cfg, cases[i].cmdline, &w), 0);
		assert_int_equal(cfg.log_level, cases[i].level);
	}
}

static void env_sets_replaces_and_quotes(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "rosetta.env.PATH=/usr/bin:/bin rosetta.env.TERM=vt100 "
			       "rosetta.env.GREETING=\"hello world\" rosetta.env.EMPTY= "
			       "rosetta.env.EQ=a=b rosetta.env._x1=1 rosetta.env.PATH=/opt/bin",
			       &w),
			 0);
	assert_string_equal(cfg.env[0], "PATH=/opt/bin");
	assert_string_equal(cfg.env[1], "TERM=vt100");
	assert_string_equal(cfg.env[2], "GREETING=hello world");
	assert_string_equal(cfg.env[3], "EMPTY=");
	assert_string_equal(cfg.env[4], "EQ=a=b");
	assert_string_equal(cfg.env[5], "_x1=1");
	assert_string_equal(cfg.env[6], "");
}

/* A name that is a prefix of another is another variable. */
static void env_prefix_names_differ(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "rosetta.env.PATHX=1 rosetta.env.PATH=2", &w), 0);
	assert_string_equal(cfg.env[0], "PATHX=1");
	assert_string_equal(cfg.env[1], "PATH=2");
}

static void env_limits(void **state)
{
	char cmdline[CONFIG_ENV_MAX * 32 + 600] = "", value[CONFIG_STR_MAX], expected[300];
	struct config cfg;
	struct warnings w;

	(void)state;
	for (int i = 0; i <= CONFIG_ENV_MAX; i++)
		snprintf(cmdline + strlen(cmdline), sizeof(cmdline) - strlen(cmdline),
			 "rosetta.env.V%d=%d ", i, i);
	/* Replacing one still works when all slots are taken. */
	snprintf(cmdline + strlen(cmdline), sizeof(cmdline) - strlen(cmdline),
		 "rosetta.env.V3=three");
	assert_int_equal(parse(&cfg, cmdline, &w), 1);
	assert_int_equal(CONFIG_ENV_MAX, 32);
	assert_string_equal(w.last, "rosetta.env.V32: more than 32 variables");
	assert_string_equal(cfg.env[CONFIG_ENV_MAX - 1], "V31=31");
	assert_string_equal(cfg.env[3], "V3=three");

	/* "N=" and 253 bytes fill the 255 a slot holds; one byte more is refused. */
	memset(value, 'v', sizeof(value));
	value[253] = '\0';
	snprintf(cmdline, sizeof(cmdline), "rosetta.env.N=%s", value);
	assert_int_equal(parse(&cfg, cmdline, &w), 0);
	assert_int_equal(strlen(cfg.env[0]), CONFIG_STR_MAX - 1);
	snprintf(cmdline, sizeof(cmdline), "rosetta.env.NN=%s", value);
	assert_int_equal(parse(&cfg, cmdline, &w), 1);
	snprintf(expected, sizeof(expected),
		 "rosetta.env.NN: '%.64s...' is not a value that fits NAME=VALUE in 255 bytes",
		 value);
	assert_string_equal(w.last, expected);
	assert_string_equal(cfg.env[0], "");
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
	assert_int_equal(config_split_entry("/bin/echo a\\", buf, sizeof(buf), argv, 3), -EINVAL);
}

/* Outside single quotes a backslash takes the next character as it is;
 * inside them it is itself. */
static void entry_split_backslash(void **state)
{
	char buf[64], *argv[6];

	(void)state;
	assert_int_equal(
	    config_split_entry("/bin/echo 'it'\\''s' a\\ b 'c\\d'", buf, sizeof(buf), argv, 6), 4);
	assert_string_equal(argv[1], "it's");
	assert_string_equal(argv[2], "a b");
	assert_string_equal(argv[3], "c\\d");
	assert_int_equal(config_split_entry("/bin/echo \\\\ x'\\'", buf, sizeof(buf), argv, 6), 3);
	assert_string_equal(argv[1], "\\");
	assert_string_equal(argv[2], "x\\");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_match_design),
		cmocka_unit_test(every_key_applies),
		cmocka_unit_test(new_keys_apply),
		cmocka_unit_test(double_quotes_group_and_vanish),
		cmocka_unit_test(last_repeated_key_wins),
		cmocka_unit_test(refused_value_keeps_earlier_one),
		cmocka_unit_test(bad_values_warn_and_keep_defaults),
		cmocka_unit_test(root_forms_are_accepted),
		cmocka_unit_test(refused_root_keys_are_remembered),
		cmocka_unit_test(over_long_value_is_refused),
		cmocka_unit_test(cut_word_is_refused),
		cmocka_unit_test(seconds_bounds),
		cmocka_unit_test(emergency_values),
		cmocka_unit_test(break_takes_every_stage_name),
		cmocka_unit_test(quiet_and_debug_later_wins),
		cmocka_unit_test(env_sets_replaces_and_quotes),
		cmocka_unit_test(env_prefix_names_differ),
		cmocka_unit_test(env_limits),
		cmocka_unit_test(other_keys_are_ignored),
		cmocka_unit_test(entry_split_words),
		cmocka_unit_test(entry_split_errors),
		cmocka_unit_test(entry_split_backslash),
	};

	return cmocka_run_group_tests_name("init_config", tests, NULL, NULL);
}
