/* The guest kernel command line (the root keys too) and the quoting of rosetta.entry. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tools/rosetta-launch/cmdline.h"

static int quote(char *const *args, size_t n, char *buf, size_t size, size_t *bad)
{
	return contract_entry_quote(args, n, ENTRY_ON_CMDLINE, buf, size, bad);
}

static void test_quote_plain_words(void **state)
{
	char *args[] = { "/bin/ls", "-l", "/usr/lib/x86_64-linux-gnu", "a=b" };
	char buf[256];

	(void)state;
	assert_int_equal(quote(args, 4, buf, sizeof(buf), NULL), 0);
	assert_string_equal(buf, "/bin/ls -l /usr/lib/x86_64-linux-gnu a=b");
}

static void test_quote_spaces_tabs_and_empty(void **state)
{
	char *args[] = { "/bin/sh", "-c", "echo hi there", "", "a\tb", "x" };
	char buf[256];

	(void)state;
	assert_int_equal(quote(args, 6, buf, sizeof(buf), NULL), 0);
	assert_string_equal(buf, "/bin/sh -c 'echo hi there' '' 'a\tb' x");
}

static void test_quote_nothing(void **state)
{
	char buf[8] = "junk";

	(void)state;
	assert_int_equal(quote(NULL, 0, buf, sizeof(buf), NULL), 0);
	assert_string_equal(buf, "");
}

/* A single quote and a backslash go inside single quotes, a single quote
 * there as '\'' (config_split_entry's backslash takes it as it is). */
static void test_quote_single_quotes_and_backslashes(void **state)
{
	char *args[] = { "/bin/sh", "-c", "echo it's", "a\\b" };
	char buf[256];

	(void)state;
	assert_int_equal(quote(args, 4, buf, sizeof(buf), NULL), 0);
	assert_string_equal(buf, "/bin/sh -c 'echo it'\\''s' 'a\\b'");
}

static void assert_refused(const char *arg, const char *reason)
{
	char *args[] = { "/bin/echo", "fine", (char *)arg };
	size_t bad = 99;
	char buf[256];

	assert_int_equal(quote(args, 3, buf, sizeof(buf), &bad), -EINVAL);
	assert_int_equal(bad, 2);
	assert_string_equal(contract_entry_refusal(arg, ENTRY_ON_CMDLINE), reason);
}

static void test_quote_refuses_what_cannot_be_carried(void **state)
{
	(void)state;
	assert_refused("say \"hi\"", "a double quote");
	/* The image's file carries a double quote, never a newline. */
	assert_null(contract_entry_refusal("say \"hi\"", ENTRY_IN_IMAGE_FILE));
	assert_string_equal(contract_entry_refusal("a\nb", ENTRY_IN_IMAGE_FILE), "a newline");
	assert_refused("two\nlines", "a newline");
	assert_refused("bell\a", "a control character");
	assert_refused("esc\x1b[0m", "a control character");
	assert_refused("del\x7f", "a control character");
	assert_null(contract_entry_refusal("tab\tis fine", ENTRY_ON_CMDLINE));
	assert_null(contract_entry_refusal("caf\xc3\xa9", ENTRY_ON_CMDLINE));
}

static void test_quote_short_buffer(void **state)
{
	char *args[] = { "/bin/echo", "hello world" };
	char buf[16], fit[24];

	(void)state;
	assert_int_equal(quote(args, 2, buf, sizeof(buf), NULL), -E2BIG);
	assert_int_equal(quote(args, 2, buf, 0, NULL), -E2BIG);
	/* exactly enough: "/bin/echo 'hello world'" is 23 bytes */
	assert_int_equal(quote(args, 2, fit, sizeof(fit), NULL), 0);
	assert_string_equal(fit, "/bin/echo 'hello world'");
}

static struct launch_config config(void)
{
	struct launch_config cfg;

	launch_config_init(&cfg);
	cfg.kernel = "k";
	cfg.initrd = "i";
	cfg.rosetta_dir = "d";
	return cfg;
}

static void assert_cmdline(const struct launch_config *cfg, const char *want)
{
	char buf[LAUNCH_CMDLINE_MAX + 1];
	struct error_record err = { 0 };

	assert_int_equal(launch_build_cmdline(cfg, NULL, buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, want);
}

static void test_cmdline_defaults(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet");
}

static void test_cmdline_verbose_drops_quiet(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	cfg.verbose = true;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1");
}

static void test_cmdline_custom_tag_root_and_extra(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	cfg.tag = "xlate";
	cfg.root_dir = "/srv/x86";
	cfg.cmdline = "rosetta.timeout=30 loglevel=4";
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.tag=xlate "
			     "rosetta.root=virtiofs:rosetta-root rosetta.timeout=30 loglevel=4");
	cfg.tag = "rosetta";
	cfg.root_dir = NULL;
	cfg.cmdline = "";
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet");
}

static void test_cmdline_root_image(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	cfg.root_image = "debian.ext4";
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda");
	cfg.root_ro = true;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda rosetta.ro");
	/* qemu throws the writes away (snapshot=on): the guest mounts the disk as usual */
	cfg.root_ro = false;
	cfg.ephemeral = true;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.root=/dev/vda");
}

static void test_cmdline_root_dir_ro_and_overlay(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	cfg.root_dir = "/srv/debian";
	cfg.root_ro = true;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.root=virtiofs:rosetta-root "
			     "rosetta.ro");
	cfg.root_ro = false;
	cfg.ephemeral = true;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.root=virtiofs:rosetta-root "
			     "rosetta.overlay=tmpfs");
}

/* The root keys come before --cmdline, so that the user's own rosetta.* keys win. */
static void test_cmdline_key_order(void **state)
{
	char *entry[] = { "/usr/bin/env" };
	struct launch_config cfg = config();

	(void)state;
	cfg.tag = "xl";
	cfg.root_dir = "/srv/debian";
	cfg.ephemeral = true;
	cfg.interactive = false;
	cfg.verbose = true;
	cfg.cmdline = "rosetta.rw";
	cfg.entry = entry;
	cfg.entry_count = 1;
	cfg.nshares = 1;
	strcpy(cfg.share[0].dir, "/srv/data");
	strcpy(cfg.share[0].tag, "data");
	assert_cmdline(&cfg,
		       "console=ttyAMA0 panic=-1 rosetta.tag=xl "
		       "rosetta.root=virtiofs:rosetta-root rosetta.overlay=tmpfs "
		       "rosetta.emergency=poweroff rosetta.rw rosetta.entry=\"/usr/bin/env\"");
}

static void test_cmdline_unattended_powers_off(void **state)
{
	struct launch_config cfg = config();

	(void)state;
	cfg.interactive = false;
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.emergency=poweroff");
	/* The user's choice comes later, so it wins in the init. */
	cfg.cmdline = "rosetta.emergency=shell";
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet rosetta.emergency=poweroff "
			     "rosetta.emergency=shell");
}

static void test_cmdline_entry(void **state)
{
	char *entry[] = { "/bin/sh", "-c", "uname -m" };
	struct launch_config cfg = config();

	(void)state;
	cfg.entry = entry;
	cfg.entry_count = 3;
	cfg.cmdline = "x=1";
	assert_cmdline(&cfg, "console=ttyAMA0 panic=-1 quiet x=1 "
			     "rosetta.entry=\"/bin/sh -c 'uname -m'\"");
}

static void test_cmdline_entry_refused(void **state)
{
	char *entry[] = { "/bin/echo", "say \"hi\"" };
	struct launch_config cfg = config();
	struct error_record err = { 0 };
	char buf[LAUNCH_CMDLINE_MAX + 1];

	(void)state;
	cfg.entry = entry;
	cfg.entry_count = 2;
	assert_int_equal(launch_build_cmdline(&cfg, NULL, buf, sizeof(buf), &err), -EINVAL);
	assert_non_null(strstr(err.msg[0].text, "entry word 2 contains a double quote"));
}

static void test_cmdline_too_long(void **state)
{
	static char big[LAUNCH_CMDLINE_MAX];
	struct launch_config cfg = config();
	struct error_record err = { 0 };
	char buf[LAUNCH_CMDLINE_MAX + 1];
	size_t room = LAUNCH_CMDLINE_MAX - strlen("console=ttyAMA0 panic=-1 quiet ");

	(void)state;
	memset(big, 'a', room);
	big[room] = '\0';
	cfg.cmdline = big;
	assert_int_equal(launch_build_cmdline(&cfg, NULL, buf, sizeof(buf), &err), 0);
	assert_int_equal(strlen(buf), LAUNCH_CMDLINE_MAX);
	big[room] = 'a';
	big[room + 1] = '\0';
	assert_int_equal(launch_build_cmdline(&cfg, NULL, buf, sizeof(buf), &err), -E2BIG);
	assert_non_null(strstr(err.msg[0].text, "2047"));
}

static void test_cmdline_entry_limits(void **state)
{
	static char big[ENTRY_MAX + 2];
	char *entry[] = { big };
	char *relative[] = { "bin/sh" };
	struct launch_config cfg = config();
	struct error_record err = { 0 };
	char buf[LAUNCH_CMDLINE_MAX + 1];

	(void)state;
	memset(big, 'a', ENTRY_MAX);
	big[0] = '/';
	cfg.entry = entry;
	cfg.entry_count = 1;
	assert_int_equal(launch_build_cmdline(&cfg, NULL, buf, sizeof(buf), &err), 0);
	big[ENTRY_MAX] = 'a';
	assert_int_equal(launch_build_cmdline(&cfg, NULL, buf, sizeof(buf), &err), -E2BIG);
	assert_non_null(strstr(err.msg[0].text, "1023 bytes rosetta-init accepts"));
	error_init(&err);
	cfg.entry = relative;
	assert_int_equal(launch_build_cmdline(&cfg, NULL, buf, sizeof(buf), &err), -EINVAL);
	assert_non_null(strstr(err.msg[0].text, "absolute path"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote_plain_words),
		cmocka_unit_test(test_quote_spaces_tabs_and_empty),
		cmocka_unit_test(test_quote_single_quotes_and_backslashes),
		cmocka_unit_test(test_quote_nothing),
		cmocka_unit_test(test_quote_refuses_what_cannot_be_carried),
		cmocka_unit_test(test_quote_short_buffer),
		cmocka_unit_test(test_cmdline_defaults),
		cmocka_unit_test(test_cmdline_verbose_drops_quiet),
		cmocka_unit_test(test_cmdline_custom_tag_root_and_extra),
		cmocka_unit_test(test_cmdline_root_image),
		cmocka_unit_test(test_cmdline_root_dir_ro_and_overlay),
		cmocka_unit_test(test_cmdline_key_order),
		cmocka_unit_test(test_cmdline_unattended_powers_off),
		cmocka_unit_test(test_cmdline_entry),
		cmocka_unit_test(test_cmdline_entry_refused),
		cmocka_unit_test(test_cmdline_too_long),
		cmocka_unit_test(test_cmdline_entry_limits),
	};

	return cmocka_run_group_tests_name("launch_cmdline", tests, NULL, NULL);
}
