/* The image config rosetta-mkroot writes (init_conf_render) read back by
 * rosetta-init's own parser, as the root stage reads it: awkward words and
 * values come back exactly, the stamp line gives the manifest digest back,
 * and what the init could not give back is refused, naming it and the limit. */
/* Before cmocka.h, which defines a fail() macro of its own. */
#include "init/config.h"
#include "lib/contract.h"
#include "tools/rosetta-mkroot/init_conf.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGEST "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void no_warning(void *arg, const char *where, const char *key, const char *problem)
{
	(void)arg;
	fail_msg("the init warned: %s: %s: %s", where, key, problem);
}

static char *render_ok(const struct image_config *ic, uid_t uid, gid_t gid, bool has_user)
{
	struct error_record e;
	char *text = NULL;

	error_init(&e);
	if (init_conf_render(ic, uid, gid, has_user, DIGEST, &text, &e) != 0)
		fail_msg("refused: %s", e.msg[0].text);
	assert_non_null(text);
	return text;
}

/* Render ic, read it back as the root stage does (over the defaults, nothing
 * explicit), and check every part comes back as it went in. */
static void round_trip(const struct image_config *ic, uid_t uid, gid_t gid, bool has_user)
{
	char *text = render_ok(ic, uid, gid, has_user);
	char buf[CONFIG_ENTRY_MAX], *argv[CONFIG_ARGV_MAX];
	struct config cfg;
	int argc;

	config_defaults(&cfg);
	assert_int_equal(
	    config_merge_image(&cfg, text, strlen(text), IMAGE_CONFIG_FILE, no_warning, NULL), 0);
	argc = config_split_entry(cfg.entry, buf, sizeof(buf), argv, CONFIG_ARGV_MAX);
	if (ic->entry_count) {
		assert_int_equal(argc, (int)ic->entry_count);
		for (size_t i = 0; i < ic->entry_count; i++)
			assert_string_equal(argv[i], ic->entry[i]);
	} else {
		assert_string_equal(cfg.entry, DEFAULT_ENTRY);
	}
	for (size_t i = 0; i < ic->env_count; i++)
		assert_string_equal(cfg.env[i], ic->env[i]);
	assert_string_equal(cfg.env[ic->env_count < CONFIG_ENV_MAX ? ic->env_count : 0],
			    ic->env_count < CONFIG_ENV_MAX ? "" : ic->env[0]);
	assert_string_equal(cfg.workdir, ic->workdir ? ic->workdir : DEFAULT_WORKDIR);
	assert_int_equal(cfg.has_user, has_user);
	if (has_user) {
		assert_int_equal(cfg.uid, uid);
		assert_int_equal(cfg.gid, gid);
	}
	free(text);
}

static void awkward_words_come_back(void **state)
{
	char *entry[] = {
		"/usr/bin/env",
		"two words",
		"",
		"tab\there",
		"  leading and trailing  ",
		"a=b=c",
		"caf\xc3\xa9 \xe2\x98\x95",
		"#not-a-comment",
		"back\\slash",
		"$HOME;|&<>*?",
		"",
		"echo 'hi'",
		"say \"hi\"",
		"it's \"both\" \\'",
		"'",
		"\\",
	};
	struct image_config ic = { .entry = entry, .entry_count = sizeof(entry) / sizeof(*entry) };

	(void)state;
	round_trip(&ic, 0, 0, false);
}

static void awkward_values_come_back(void **state)
{
	char *entry[] = { "/bin/sh" };
	char *env[] = {
		"PATH=/usr/local/bin:/usr/bin",
		"EMPTY=",
		"SPACES=  around  ",
		"EQUALS=a=b==c",
		"QUOTE=it's",
		"DQUOTE=say \"hi\"",
		"LEADING=  x",
		"TAB=a\tb",
		"CR=a\rb",
		"HASH=#x",
		"UNICODE=\xe6\x97\xa5\xe6\x9c\xac",
		"_underscore1=x",
	};
	struct image_config ic = {
		.entry = entry,
		.entry_count = 1,
		.env = env,
		.env_count = sizeof(env) / sizeof(*env),
		.workdir = "/srv/my app/caf\xc3\xa9 'x' \"y\"",
	};

	(void)state;
	round_trip(&ic, 1000, 100, true);
	round_trip(&ic, 4294967294U, 0, true);
}

static void what_is_unset_has_no_line(void **state)
{
	struct image_config ic = { 0 };
	char *text;

	(void)state;
	round_trip(&ic, 0, 0, false);
	text = render_ok(&ic, 0, 0, false);
	assert_string_equal(text, IMAGE_CONFIG_STAMP DIGEST "\n");
	free(text);
}

/* The limits exactly: 31 words, 1023 bytes, 32 names, 255-byte variables. */
static void limits_that_pass(void **state)
{
	char *words[ENTRY_WORDS_MAX], *env[ENV_VARS_MAX + 1], long_word[ENTRY_MAX + 1];
	char vars[ENV_VARS_MAX][32], long_var[VALUE_MAX + 1];
	struct image_config ic = { .entry = words, .entry_count = ENTRY_WORDS_MAX };

	(void)state;
	for (int i = 0; i < ENTRY_WORDS_MAX; i++)
		words[i] = "/w";
	round_trip(&ic, 0, 0, false);

	/* One word of 1023 bytes, the longest entry. */
	memset(long_word, 'x', sizeof(long_word));
	long_word[0] = '/';
	long_word[ENTRY_MAX] = '\0';
	words[0] = long_word;
	ic.entry_count = 1;
	round_trip(&ic, 0, 0, false);

	for (int i = 0; i < ENV_VARS_MAX; i++) {
		snprintf(vars[i], sizeof(vars[i]), "V%d=%d", i, i);
		env[i] = vars[i];
	}
	memset(long_var, 'v', sizeof(long_var));
	memcpy(long_var, "LONG=", 5);
	long_var[VALUE_MAX] = '\0';
	env[0] = long_var;
	ic.entry = NULL;
	ic.entry_count = 0;
	ic.env = env;
	ic.env_count = ENV_VARS_MAX;
	round_trip(&ic, 0, 0, false);
}

/* A name again replaces its value, in its place, as the init keeps it: it
 * counts once against the limit. */
static void repeated_name_counts_once(void **state)
{
	char *env[ENV_VARS_MAX + 1], vars[ENV_VARS_MAX][32], *text;
	struct image_config ic = { .env = env, .env_count = ENV_VARS_MAX + 1 };
	struct config cfg;

	(void)state;
	for (int i = 0; i < ENV_VARS_MAX; i++) {
		snprintf(vars[i], sizeof(vars[i]), "V%d=%d", i, i);
		env[i] = vars[i];
	}
	env[ENV_VARS_MAX] = "V3=again";
	text = render_ok(&ic, 0, 0, false);
	config_defaults(&cfg);
	assert_int_equal(
	    config_merge_image(&cfg, text, strlen(text), IMAGE_CONFIG_FILE, no_warning, NULL), 0);
	assert_string_equal(cfg.env[3], "V3=again");
	assert_string_equal(cfg.env[ENV_VARS_MAX - 1], "V31=31");
	free(text);
}

/* Render must fail with -EINVAL and a message holding each of needles. */
static void assert_refused(const struct image_config *ic, uid_t uid, const char *digest,
			   const char *needle, const char *needle2)
{
	struct error_record e;
	char *text = (char *)"unchanged";

	error_init(&e);
	assert_int_equal(init_conf_render(ic, uid, 0, true, digest, &text, &e), -EINVAL);
	assert_null(text);
	assert_int_equal(e.count, 1);
	if (!strstr(e.msg[0].text, needle) || (needle2 && !strstr(e.msg[0].text, needle2)))
		fail_msg("'%s' lacks '%s' or '%s'", e.msg[0].text, needle, needle2 ? needle2 : "");
}

static void unrepresentable_entries_are_refused(void **state)
{
	char *words[ENTRY_WORDS_MAX + 1], long_word[ENTRY_MAX + 1];
	struct image_config ic = { .entry = words, .entry_count = 2 };

	(void)state;
	words[0] = "/bin/sh";
	words[1] = "two\nlines";
	assert_refused(&ic, 0, DIGEST, "word 2", "a newline");
	words[1] = "bell\a";
	assert_refused(&ic, 0, DIGEST, "word 2", "a control character");
	words[0] = "nginx";
	assert_refused(&ic, 0, DIGEST, "'nginx' is not an absolute path", NULL);

	for (int i = 0; i <= ENTRY_WORDS_MAX; i++)
		words[i] = "/w";
	ic.entry_count = ENTRY_WORDS_MAX + 1;
	assert_refused(&ic, 0, DIGEST, "32 words", "takes 31");

	memset(long_word, 'x', sizeof(long_word));
	long_word[0] = '/';
	words[1] = "";
	long_word[ENTRY_MAX - 2] = '\0'; /* 1021 bytes, and " ''" makes 1024 */
	words[0] = long_word;
	ic.entry_count = 2;
	assert_refused(&ic, 0, DIGEST, "longer than the 1023 bytes", NULL);
}

static void unrepresentable_variables_are_refused(void **state)
{
	char *env[ENV_VARS_MAX + 1], vars[ENV_VARS_MAX + 1][32], long_var[VALUE_MAX + 2];
	struct image_config ic = { .env = env, .env_count = 1 };

	(void)state;
	env[0] = "1X=1";
	assert_refused(&ic, 0, DIGEST, "name '1X'", "[A-Za-z_][A-Za-z0-9_]*");
	env[0] = "A-B=1";
	assert_refused(&ic, 0, DIGEST, "name 'A-B'", NULL);
	env[0] = "=1";
	assert_refused(&ic, 0, DIGEST, "name ''", NULL);
	env[0] = "NOEQUALS";
	assert_refused(&ic, 0, DIGEST, "'NOEQUALS' is not NAME=VALUE", NULL);
	env[0] = "N=two\nlines";
	assert_refused(&ic, 0, DIGEST, "variable N holds a newline", NULL);
	memset(long_var, 'v', sizeof(long_var));
	memcpy(long_var, "LONG=", 5);
	long_var[VALUE_MAX + 1] = '\0';
	env[0] = long_var;
	assert_refused(&ic, 0, DIGEST, "variable LONG is 256 bytes", "takes 255");

	for (int i = 0; i <= ENV_VARS_MAX; i++) {
		snprintf(vars[i], sizeof(vars[i]), "V%d=%d", i, i);
		env[i] = vars[i];
	}
	ic.env_count = ENV_VARS_MAX + 1;
	assert_refused(&ic, 0, DIGEST, "more than the 32 variables", "(at V32)");
}

static void other_refusals(void **state)
{
	struct image_config ic = { .workdir = "srv" };

	(void)state;
	assert_refused(&ic, 0, DIGEST, "WorkingDir 'srv' is not an absolute path", NULL);
	ic.workdir = "/srv/two\nlines";
	assert_refused(&ic, 0, DIGEST, "holds a newline", NULL);
	ic.workdir = NULL;
	assert_refused(&ic, (uid_t)-1, DIGEST, "user 4294967295:0", NULL);
	assert_refused(&ic, 0, "sha256:abc", "'sha256:abc' is not a manifest digest", NULL);
	assert_refused(&ic, 0, DIGEST "0", "is not a manifest digest", NULL);
	assert_refused(&ic, 0,
		       "md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		       "is not a manifest digest", NULL);
}

static void stamp_gives_the_digest_back(void **state)
{
	char *entry[] = { "/bin/true" };
	struct image_config ic = { .entry = entry, .entry_count = 1 };
	char digest[INIT_CONF_DIGEST_MAX], *text = render_ok(&ic, 0, 0, false);

	(void)state;
	assert_int_equal(init_conf_manifest(text, digest, sizeof(digest)), 0);
	assert_string_equal(digest, DIGEST);
	assert_int_equal(init_conf_manifest(text, digest, sizeof(digest) - 1), -ENOBUFS);
	free(text);
	assert_int_equal(init_conf_manifest("entry=/bin/sh\n", digest, sizeof(digest)), -ENODATA);
	assert_int_equal(init_conf_manifest("", digest, sizeof(digest)), -ENODATA);
	assert_int_equal(
	    init_conf_manifest(IMAGE_CONFIG_STAMP "sha256:00\n", digest, sizeof(digest)), -ENODATA);
	assert_int_equal(
	    init_conf_manifest(IMAGE_CONFIG_STAMP DIGEST "0\n", digest, sizeof(digest)), -ENODATA);
	/* Without its newline, the stamp alone is still one. */
	assert_int_equal(init_conf_manifest(IMAGE_CONFIG_STAMP DIGEST, digest, sizeof(digest)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(awkward_words_come_back),
		cmocka_unit_test(awkward_values_come_back),
		cmocka_unit_test(what_is_unset_has_no_line),
		cmocka_unit_test(limits_that_pass),
		cmocka_unit_test(repeated_name_counts_once),
		cmocka_unit_test(unrepresentable_entries_are_refused),
		cmocka_unit_test(unrepresentable_variables_are_refused),
		cmocka_unit_test(other_refusals),
		cmocka_unit_test(stamp_gives_the_digest_back),
	};

	return cmocka_run_group_tests_name("init_conf_roundtrip", tests, NULL, NULL);
}
