/* rosetta-init configuration file: its line format, the keys it shares with
 * the command line, the services only it declares, its warnings with
 * FILE:LINE, the command line's precedence, and reading it from disk. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init/config.h"
#include "lib/array_size.h"
#include "tests/unit/scratch.h"

struct warnings {
	int count;
	char text[16][512]; /* the first 16, as the config stage prints them */
};

static void record(void *arg, const char *where, const char *key, const char *problem)
{
	struct warnings *w = arg;

	if (w->count < 16)
		snprintf(w->text[w->count], sizeof(w->text[0]), "%s: %s%s%s",
			 where ? where : "cmdline", key, *key ? ": " : "", problem);
	w->count++;
}

static int parse(struct config *cfg, const char *text, struct warnings *w)
{
	memset(w, 0, sizeof(*w));
	config_defaults(cfg);
	return config_parse_file_text(cfg, text, strlen(text), "test.conf", record, w);
}

static void keys_with_and_without_prefix(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "# rosetta-init configuration\n"
			       "\n"
			       "tag=vz-rosetta\n"
			       "rosetta.mount=/mnt/rosetta\n"
			       "   # an indented comment\n"
			       "  timeout = 3  \n"
			       "\t\n"
			       "shutdown.timeout=20\r\n"
			       "rosetta.exec=/sbin/init\n"
			       "break=share\n"
			       "emergency=reboot\n"
			       "cache=/var/cache/rosetta\n"
			       "quiet\n"
			       "env.TERM=vt100",
			       &w),
			 0);
	assert_string_equal(cfg.tag, "vz-rosetta");
	assert_string_equal(cfg.mount, "/mnt/rosetta");
	assert_int_equal(cfg.timeout_ms, 3000);
	assert_int_equal(cfg.shutdown_timeout_ms, 20000);
	assert_string_equal(cfg.exec, "/sbin/init");
	assert_string_equal(cfg.break_stage, "share");
	assert_int_equal(cfg.emergency, EMERGENCY_REBOOT);
	assert_string_equal(cfg.cache, "/var/cache/rosetta");
	assert_int_equal(cfg.log_level, LOG_LEVEL_QUIET);
	assert_string_equal(cfg.env[0], "TERM=vt100");
}

/* The file and the command line apply a key the same way. */
static void same_result_as_the_command_line(void **state)
{
	static const char *const pairs[][2] = {
		{ "rosetta.entry=\"/bin/sh -c 'echo hi'\"", "entry=/bin/sh -c 'echo hi'" },
		{ "rosetta.binfmt.flags=CF rosetta.verify=off", "binfmt.flags=CF\nverify=off" },
		{ "rosetta.selftest=0 rosetta.selftest.timeout=9",
		  "selftest=0\nselftest.timeout=9" },
		{ "rosetta.debug rosetta.debug=0", "debug\ndebug=0" },
		{ "rosetta.env.A=\"x y\"", "env.A=\"x y\"" },
		{ "rosetta.root=initramfs:/tree rosetta.binfmt.name=x", "root=initramfs:/tree\n"
									"binfmt.name=x" },
	};
	struct config a, b;
	struct warnings w;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(pairs); i++) {
		config_defaults(&a);
		assert_int_equal(config_parse_cmdline(&a, pairs[i][0], NULL, NULL), 0);
		assert_int_equal(parse(&b, pairs[i][1], &w), 0);
		assert_memory_equal(&a, &b, sizeof(a));
	}
}

static void quoting(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "entry = \"/bin/sh -c 'echo hi; exit 7'\"\n"
			       "tag=\" spaced \"  \n"
			       "env.A=a\"b c\"d\n"
			       "env.B=\"\"\n"
			       "env.C=  two  words  \n",
			       &w),
			 0);
	assert_string_equal(cfg.entry, "/bin/sh -c 'echo hi; exit 7'");
	assert_string_equal(cfg.tag, " spaced ");
	assert_string_equal(cfg.env[0], "A=ab cd");
	assert_string_equal(cfg.env[1], "B=");
	/* Blanks inside a value stay; only those around it go. */
	assert_string_equal(cfg.env[2], "C=two  words");

	/* Single quotes are the entry's, left for config_split_entry. */
	assert_int_equal(parse(&cfg, "entry=/bin/echo 'a b'\n", &w), 0);
	assert_string_equal(cfg.entry, "/bin/echo 'a b'");

	assert_int_equal(parse(&cfg, "tag=\"abc\ntimeout=4\n", &w), 1);
	assert_string_equal(w.text[0],
			    "test.conf:1: tag: '\"abc' is not a value with paired double quotes");
	assert_string_equal(cfg.tag, "rosetta");
	assert_int_equal(cfg.timeout_ms, 4000);
}

static void repeated_key_last_wins(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg, "tag=a\nrosetta.tag=b\ntimeout=2\ntimeout=x\n", &w), 1);
	assert_string_equal(cfg.tag, "b");
	assert_int_equal(cfg.timeout_ms, 2000);
}

/* The file first, then the command line, which wins key by key. */
static void command_line_wins(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "tag=file\ntimeout=7\nenv.PATH=/file\nenv.HOME=/home\ndebug\n"
			       "service.a.argv=/bin/a\n",
			       &w),
			 0);
	assert_int_equal(config_parse_cmdline(&cfg,
					      "rosetta.tag=cmd rosetta.env.PATH=/cmd rosetta.quiet",
					      record, &w),
			 0);
	assert_string_equal(cfg.tag, "cmd");
	assert_int_equal(cfg.timeout_ms, 7000);
	assert_string_equal(cfg.env[0], "PATH=/cmd");
	assert_string_equal(cfg.env[1], "HOME=/home");
	assert_string_equal(cfg.env[2], "");
	assert_int_equal(cfg.log_level, LOG_LEVEL_QUIET);
	assert_int_equal(cfg.nservices, 1);
}

static void bad_lines_warn_with_file_and_line(void **state)
{
	static const struct {
		const char *text, *warning;
	} cases[] = {
		{ "\n\ncolour=blue\n", "test.conf:3: colour: unknown key" },
		{ "rosetta.colour=blue", "test.conf:1: rosetta.colour: unknown key" },
		{ "console=ttyAMA0", "test.conf:1: console: unknown key" },
		{ "# x\nhello world", "test.conf:2: hello world: unknown key" },
		{ "shutdown.timeout=abc", "test.conf:1: shutdown.timeout: 'abc' is not a number of "
					  "seconds from 1 to 3600" },
		{ "shutdown.timeout=-1",
		  "test.conf:1: shutdown.timeout: '-1' is not a number of seconds from 1 to 3600" },
		{ "timeout=\"\"",
		  "test.conf:1: timeout: '' is not a number of seconds from 1 to 3600" },
		{ "tag=", "test.conf:1: tag: '' is not a virtiofs tag of 1 to 255 bytes" },
		{ "tag", "test.conf:1: tag: no value, expected a virtiofs tag of 1 to 255 bytes" },
		{ "break=later", "test.conf:1: break: 'later' is not one of early, config, "
				 "modules, share, verify, "
				 "register, root, selftest, switch, run" },
		{ "emergency=panic", "test.conf:1: emergency: 'panic' is not one of shell, "
				     "poweroff, halt, reboot, auto" },
		{ "=x", "test.conf:1: no key before '='" },
		{ "  = x", "test.conf:1: no key before '='" },
		{ "env.9=x",
		  "test.conf:1: env.9: '9' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)" },
	};
	struct config cfg, defaults;
	struct warnings w;

	(void)state;
	config_defaults(&defaults);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(parse(&cfg, cases[i].text, &w), 1);
		assert_string_equal(w.text[0], cases[i].warning);
		assert_memory_equal(&cfg, &defaults, sizeof(cfg));
	}
}

static void nul_byte_and_long_line(void **state)
{
	static const char text[] = "tag=a\0b\ntimeout=3\n";
	char big[3000], expected[200];
	struct config cfg;
	struct warnings w;

	(void)state;
	memset(&w, 0, sizeof(w));
	config_defaults(&cfg);
	assert_int_equal(config_parse_file_text(&cfg, text, sizeof(text) - 1, "t", record, &w), 1);
	assert_string_equal(w.text[0], "t:1: tag: a NUL byte in the line");
	assert_string_equal(cfg.tag, "rosetta");
	assert_int_equal(cfg.timeout_ms, 3000);

	/* Cut at the reader's buffer, so refused, and the next line still read. */
	memset(big, 'x', 2507);
	big[2507] = '\0';
	memcpy(big, "entry=/", 7);
	snprintf(big + 2507, sizeof(big) - 2507, "\ntag=after");
	assert_int_equal(parse(&cfg, big, &w), 1);
	snprintf(expected, sizeof(expected),
		 "test.conf:1: entry: '/%.63s...' is not a command line of 1 to 1023 bytes",
		 big + 7);
	assert_string_equal(w.text[0], expected);
	assert_string_equal(cfg.entry, "/bin/sh");
	assert_string_equal(cfg.tag, "after");
}

static void empty_text(void **state)
{
	struct config cfg, defaults;
	struct warnings w;

	(void)state;
	config_defaults(&defaults);
	assert_int_equal(parse(&cfg, "", &w), 0);
	assert_int_equal(parse(&cfg, "\n\n# nothing\n   \n", &w), 0);
	assert_memory_equal(&cfg, &defaults, sizeof(cfg));
}

static void services(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "service.web.argv = /usr/sbin/httpd -f 'my conf'\n"
			       "service.web.restart=always\n"
			       "service.web.backoff=3\n"
			       "service.web.max-restarts=0\n"
			       "service.web.deny=mount,ptrace,kexec_load\n"
			       "rosetta.service.log_2-a.argv=\"/bin/logd\"\n",
			       &w),
			 0);
	assert_int_equal(cfg.nservices, 2);
	assert_string_equal(cfg.services[0].name, "web");
	assert_string_equal(cfg.services[0].argv_line, "/usr/sbin/httpd -f 'my conf'");
	assert_int_equal(cfg.services[0].restart, RESTART_ALWAYS);
	assert_int_equal(cfg.services[0].backoff_ms, 3000);
	assert_int_equal(cfg.services[0].max_restarts, 0);
	assert_string_equal(cfg.services[0].deny, "mount,ptrace,kexec_load");
	/* The defaults. */
	assert_string_equal(cfg.services[1].name, "log_2-a");
	assert_string_equal(cfg.services[1].argv_line, "/bin/logd");
	assert_int_equal(cfg.services[1].restart, RESTART_ON_FAILURE);
	assert_int_equal(cfg.services[1].backoff_ms, 1000);
	assert_int_equal(cfg.services[1].max_restarts, 5);
	assert_string_equal(cfg.services[1].deny, "");

	assert_int_equal(parse(&cfg,
			       "service.a.argv=/bin/a\nservice.a.restart=never\n"
			       "service.a.argv=/bin/b\n",
			       &w),
			 0);
	assert_int_equal(cfg.nservices, 1);
	assert_string_equal(cfg.services[0].argv_line, "/bin/b");
	assert_int_equal(cfg.services[0].restart, RESTART_NEVER);
}

/* A backoff below a second is written as a fraction, to the millisecond. */
static void backoff_in_fractions_of_a_second(void **state)
{
	static const struct {
		const char *value;
		unsigned int ms;
	} cases[] = {
		{ "0.2", 200 },	  { "0.01", 10 },      { "1.5", 1500 },
		{ "2.05", 2050 }, { "3600", 3600000 }, { "3600.000", 3600000 },
	};
	struct config cfg;
	struct warnings w;
	char text[128];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text), "service.s.argv=/bin/s\nservice.s.backoff=%s\n",
			 cases[i].value);
		assert_int_equal(parse(&cfg, text, &w), 0);
		assert_int_equal(cfg.services[0].backoff_ms, cases[i].ms);
	}
}

/* The policy words come from one table, which the supervisor's messages
 * print too: each one is accepted, as its own policy. */
static void restart_takes_every_policy_name(void **state)
{
	struct config cfg;
	struct warnings w;
	char text[128];
	int i;

	(void)state;
	for (i = 0; config_restart_names[i]; i++) {
		snprintf(text, sizeof(text), "service.s.argv=/bin/s\nservice.s.restart=%s\n",
			 config_restart_names[i]);
		assert_int_equal(parse(&cfg, text, &w), 0);
		assert_int_equal(cfg.services[0].restart, i);
	}
	assert_int_equal(i, RESTART_COUNT);
}

#define ARGV	     "is not a command line of at most 255 bytes and 31 words, the first an absolute path"
#define DENY	     "is not system call names (a-z, 0-9, _) separated by commas, at most 255 bytes"
#define SERVICE_NAME "is not a service name (1 to 31 of a-z, 0-9, _, -)"
#define BACKOFF	     "is not a number of seconds from 0.01 to 3600, with at most 3 decimals"

/* Each bad line after a good argv line, so the service itself survives. */
static void bad_service_lines(void **state)
{
	static const struct {
		const char *line, *warning;
	} cases[] = {
		{ "service.s.restart=sometimes",
		  "test.conf:2: service.s.restart: 'sometimes' is not one of never, on-failure, "
		  "always" },
		{ "service.s.backoff=0", "test.conf:2: service.s.backoff: '0' " BACKOFF },
		{ "service.s.backoff=0.009", "test.conf:2: service.s.backoff: '0.009' " BACKOFF },
		{ "service.s.backoff=3600.001",
		  "test.conf:2: service.s.backoff: '3600.001' " BACKOFF },
		{ "service.s.backoff=0.1234", "test.conf:2: service.s.backoff: '0.1234' " BACKOFF },
		{ "service.s.backoff=1.", "test.conf:2: service.s.backoff: '1.' " BACKOFF },
		{ "service.s.backoff=.5", "test.conf:2: service.s.backoff: '.5' " BACKOFF },
		{ "service.s.backoff=0.-1", "test.conf:2: service.s.backoff: '0.-1' " BACKOFF },
		{ "service.s.backoff=1e3", "test.conf:2: service.s.backoff: '1e3' " BACKOFF },
		{ "service.s.max-restarts=-1",
		  "test.conf:2: service.s.max-restarts: '-1' is not a number from 0 (no limit) to "
		  "10000" },
		{ "service.s.max-restarts=10001", "test.conf:2: service.s.max-restarts: '10001' is "
						  "not a number from 0 (no limit) to "
						  "10000" },
		{ "service.s.deny=Mount", "test.conf:2: service.s.deny: 'Mount' " DENY },
		{ "service.s.deny=a,,b", "test.conf:2: service.s.deny: 'a,,b' " DENY },
		{ "service.s.deny=a,", "test.conf:2: service.s.deny: 'a,' " DENY },
		{ "service.s.deny=a b", "test.conf:2: service.s.deny: 'a b' " DENY },
		{ "service.s.deny=", "test.conf:2: service.s.deny: '' " DENY },
		{ "service.s.argv=bin/x", "test.conf:2: service.s.argv: 'bin/x' " ARGV },
		{ "service.s.argv=/bin/x 'a", "test.conf:2: service.s.argv: '/bin/x 'a' " ARGV },
		{ "service.s.argv=", "test.conf:2: service.s.argv: '' " ARGV },
		{ "service.s.argv=/bin/x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 "
		  "23 24 25 26 27 28 29 30 31",
		  "test.conf:2: service.s.argv: '/bin/x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 "
		  "18 "
		  "19 20 21 22 ...' " ARGV },
		{ "service.s.argv",
		  "test.conf:2: service.s.argv: no value, expected a command line "
		  "of at most 255 bytes and 31 words, the first an absolute path" },
		{ "service.s.user=nobody", "test.conf:2: service.s.user: unknown key" },
		{ "service.s", "test.conf:2: service.s: unknown key" },
		{ "service.Web.argv=/bin/x", "test.conf:2: service.Web.argv: 'Web' " SERVICE_NAME },
		{ "service..argv=/bin/x", "test.conf:2: service..argv: '' " SERVICE_NAME },
		{ "service.a b.argv=/bin/x", "test.conf:2: service.a b.argv: 'a b' " SERVICE_NAME },
		{ "service.abcdefghijklmnopqrstuvwxyz012345.argv=/bin/x",
		  "test.conf:2: service.abcdefghijklmnopqrstuvwxyz012345.argv: "
		  "'abcdefghijklmnopqrstuvwxyz012345' " SERVICE_NAME },
	};
	char text[512];
	struct config cfg;
	struct warnings w;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text), "service.s.argv=/bin/s\n%s\n", cases[i].line);
		assert_int_equal(parse(&cfg, text, &w), 1);
		assert_string_equal(w.text[0], cases[i].warning);
		assert_int_equal(cfg.nservices, 1);
		assert_string_equal(cfg.services[0].argv_line, "/bin/s");
		assert_int_equal(cfg.services[0].restart, RESTART_ON_FAILURE);
		assert_int_equal(cfg.services[0].backoff_ms, 1000);
		assert_int_equal(cfg.services[0].max_restarts, 5);
		assert_string_equal(cfg.services[0].deny, "");
	}
}

/* 31 characters are a name; 31 words an argv. */
static void service_limits_that_pass(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(
	    parse(&cfg,
		  "service.abcdefghijklmnopqrstuvwxyz01234.argv=/bin/x 1 2 3 4 5 6 7 8 "
		  "9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30",
		  &w),
	    0);
	assert_string_equal(cfg.services[0].name, "abcdefghijklmnopqrstuvwxyz01234");
}

static void service_without_argv_is_dropped(void **state)
{
	struct service_config zero;
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(parse(&cfg,
			       "service.a.argv=/bin/a\n"
			       "service.b.restart=always\n"
			       "service.c.argv=/bin/c\n"
			       "service.d.argv=relative\n",
			       &w),
			 3);
	assert_string_equal(w.text[0], "test.conf:4: service.d.argv: 'relative' " ARGV);
	assert_string_equal(w.text[1],
			    "test.conf:2: service.b: no service.b.argv, service dropped");
	assert_string_equal(w.text[2],
			    "test.conf:4: service.d: no service.d.argv, service dropped");
	assert_int_equal(cfg.nservices, 2);
	assert_string_equal(cfg.services[0].name, "a");
	assert_string_equal(cfg.services[1].name, "c");
	assert_string_equal(cfg.services[1].argv_line, "/bin/c");
	/* The slots they left are blank again. */
	memset(&zero, 0, sizeof(zero));
	assert_memory_equal(&cfg.services[2], &zero, sizeof(zero));
	assert_memory_equal(&cfg.services[3], &zero, sizeof(zero));
}

static void too_many_services(void **state)
{
	char text[1024] = "";
	struct config cfg;
	struct warnings w;

	(void)state;
	for (int i = 0; i <= CONFIG_SERVICES_MAX; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "service.s%d.argv=/bin/s%d\n", i, i);
	/* A known one can still change. */
	snprintf(text + strlen(text), sizeof(text) - strlen(text), "service.s0.restart=never\n");
	assert_int_equal(parse(&cfg, text, &w), 1);
	assert_string_equal(w.text[0], "test.conf:9: service.s8.argv: more than 8 services");
	assert_int_equal(cfg.nservices, CONFIG_SERVICES_MAX);
	assert_string_equal(cfg.services[7].name, "s7");
	assert_int_equal(cfg.services[0].restart, RESTART_NEVER);
}

/* Services come from the file only. */
static void command_line_declares_no_service(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	memset(&w, 0, sizeof(w));
	config_defaults(&cfg);
	assert_int_equal(config_parse_cmdline(&cfg, "rosetta.service.a.argv=/bin/a", record, &w),
			 1);
	assert_string_equal(w.text[0], "cmdline: rosetta.service.a.argv: services are declared in "
				       "the configuration file only");
	assert_int_equal(cfg.nservices, 0);
}

/* The most config_read_file() reads. */
#define FILE_MAX ((size_t)64 * 1024)

static void read_file_missing_is_silent(void **state)
{
	const char *path = scratch_path(*state, "absent.conf");
	struct config cfg, defaults;
	struct warnings w = { 0 };

	config_defaults(&cfg);
	config_defaults(&defaults);
	assert_int_equal(config_read_file(&cfg, path, record, &w), 0);
	assert_int_equal(w.count, 0);
	assert_memory_equal(&cfg, &defaults, sizeof(cfg));
}

static void read_file_applies_with_its_path(void **state)
{
	static const char text[] = "tag=disk\nservice.x.argv=/bin/x\nnope=1\n";
	struct scratch *s = *state;
	const char *path = scratch_path(s, "rosetta-init.conf");
	char expected[PATH_MAX + 64];
	struct config cfg;
	struct warnings w = { 0 };

	assert_int_equal(scratch_write(s, "rosetta-init.conf", text, sizeof(text) - 1, 0644), 0);
	config_defaults(&cfg);
	assert_int_equal(config_read_file(&cfg, path, record, &w), 1);
	snprintf(expected, sizeof(expected), "%s:3: nope: unknown key", path);
	assert_string_equal(w.text[0], expected);
	assert_string_equal(cfg.tag, "disk");
	assert_int_equal(cfg.nservices, 1);
}

static void read_file_unreadable_or_too_big(void **state)
{
	struct scratch *s = *state;
	const char *path = scratch_path(s, "big.conf");
	struct config cfg, defaults;
	struct warnings w = { 0 };
	char *big;

	config_defaults(&defaults);
	config_defaults(&cfg);
	/* A directory cannot be read (as root, neither can a mode 000 file fail). */
	assert_int_equal(config_read_file(&cfg, s->dir, record, &w), -EISDIR);

	/* 64 KiB of comments are fine, one byte more is not. */
	big = malloc(FILE_MAX + 1);
	assert_non_null(big);
	memset(big, '#', FILE_MAX + 1);
	big[0] = 't'; /* would be a warning if it were read */
	assert_int_equal(scratch_write(s, "big.conf", big, FILE_MAX + 1, 0644), 0);
	assert_int_equal(config_read_file(&cfg, path, record, &w), -EFBIG);
	assert_int_equal(w.count, 0);
	assert_memory_equal(&cfg, &defaults, sizeof(cfg));

	big[0] = '#';
	assert_int_equal(scratch_write(s, "big.conf", big, FILE_MAX, 0644), 0);
	assert_int_equal(config_read_file(&cfg, path, record, &w), 0);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_with_and_without_prefix),
		cmocka_unit_test(same_result_as_the_command_line),
		cmocka_unit_test(quoting),
		cmocka_unit_test(repeated_key_last_wins),
		cmocka_unit_test(command_line_wins),
		cmocka_unit_test(bad_lines_warn_with_file_and_line),
		cmocka_unit_test(nul_byte_and_long_line),
		cmocka_unit_test(empty_text),
		cmocka_unit_test(services),
		cmocka_unit_test(bad_service_lines),
		cmocka_unit_test(service_limits_that_pass),
		cmocka_unit_test(service_without_argv_is_dropped),
		cmocka_unit_test(too_many_services),
		cmocka_unit_test(command_line_declares_no_service),
		cmocka_unit_test(restart_takes_every_policy_name),
		cmocka_unit_test(backoff_in_fractions_of_a_second),
		cmocka_unit_test(read_file_missing_is_silent),
		cmocka_unit_test(read_file_applies_with_its_path),
		cmocka_unit_test(read_file_unreadable_or_too_big),
	};

	return cmocka_run_group_tests_name("init_config_file", tests, scratch_setup,
					   scratch_teardown);
}
