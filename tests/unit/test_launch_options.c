/*
 * rosetta-launch's option parser: defaults, every option, the entry, usage errors, the
 * roots and their options, --share, the memory default that follows the root, and the
 * options that belong to one backend (qemu, vfkit).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tools/rosetta-launch/options.h"

#define REQUIRED       "--kernel", "vmlinuz", "--initrd", "initrd.gz", "--rosetta-dir", "share"
#define VFKIT_REQUIRED "--backend", "vfkit", "--kernel", "/b/Image", "--initrd", "/b/initrd.gz"

struct parsed {
	struct launch_config cfg;
	struct error_record err;
	int r;
};

/* Parse "rosetta-launch" followed by the given words. */
#define parse(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })

static struct parsed parse_words(const char *const *words)
{
	static char *argv[64];
	struct parsed p;
	int argc = 0;

	memset(&p, 0, sizeof(p));
	argv[argc++] = (char *)"rosetta-launch";
	for (; *words && argc < 63; words++)
		argv[argc++] = (char *)*words;
	argv[argc] = NULL;
	p.r = launch_parse_options(argc, argv, &p.cfg, &p.err);
	return p;
}

static void assert_usage_error(struct parsed p, const char *needle)
{
	assert_int_equal(p.r, -EINVAL);
	if (!strstr(p.err.msg[0].text, needle))
		fail_msg("message '%s' lacks '%s'", p.err.msg[0].text, needle);
}

static void test_defaults(void **state)
{
	struct parsed p = parse(REQUIRED);

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_string_equal(p.cfg.kernel, "vmlinuz");
	assert_string_equal(p.cfg.initrd, "initrd.gz");
	assert_string_equal(p.cfg.rosetta_dir, "share");
	assert_null(p.cfg.root_dir);
	assert_null(p.cfg.cmdline);
	assert_null(p.cfg.qemu);
	assert_null(p.cfg.virtiofsd);
	assert_string_equal(p.cfg.tag, "rosetta");
	assert_int_equal(p.cfg.memory_mib, 1024);
	assert_int_equal(p.cfg.cpus, 2);
	assert_int_equal(p.cfg.timeout_s, 0);
	assert_int_equal(p.cfg.accel, LAUNCH_ACCEL_AUTO);
	assert_int_equal(p.cfg.backend, LAUNCH_BACKEND_QEMU);
	assert_null(p.cfg.vfkit);
	assert_false(p.cfg.verbose);
	assert_false(p.cfg.dry_run);
	assert_null(p.cfg.entry);
	assert_int_equal(p.cfg.entry_count, 0);
	assert_null(p.cfg.root_image);
	assert_false(p.cfg.root_ro);
	assert_false(p.cfg.ephemeral);
	assert_int_equal(p.cfg.nshares, 0);
}

static void test_every_option(void **state)
{
	struct parsed p =
	    parse(REQUIRED, "--root-dir", "/x86", "--cmdline", "loglevel=7", "--memory=2048",
		  "--cpus", "4", "--accel", "tcg", "--timeout", "30", "--qemu", "/opt/qemu",
		  "--virtiofsd", "/opt/vfsd", "--tag", "rt.1", "--verbose", "--dry-run");

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_string_equal(p.cfg.root_dir, "/x86");
	assert_string_equal(p.cfg.cmdline, "loglevel=7");
	assert_int_equal(p.cfg.memory_mib, 2048);
	assert_int_equal(p.cfg.cpus, 4);
	assert_int_equal(p.cfg.accel, LAUNCH_ACCEL_TCG);
	assert_int_equal(p.cfg.timeout_s, 30);
	assert_string_equal(p.cfg.qemu, "/opt/qemu");
	assert_string_equal(p.cfg.virtiofsd, "/opt/vfsd");
	assert_string_equal(p.cfg.tag, "rt.1");
	assert_true(p.cfg.verbose);
	assert_true(p.cfg.dry_run);
}

static void test_entry_after_dashes(void **state)
{
	struct parsed p = parse(REQUIRED, "--", "/bin/sh", "-c", "--memory");

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_int_equal(p.cfg.entry_count, 3);
	assert_string_equal(p.cfg.entry[0], "/bin/sh");
	assert_string_equal(p.cfg.entry[1], "-c");
	assert_string_equal(p.cfg.entry[2], "--memory");
	assert_int_equal(p.cfg.memory_mib, 1024);
}

/* Options end at the first word that is not one, so the entry's own options stay its own. */
static void test_entry_without_dashes(void **state)
{
	struct parsed p = parse(REQUIRED, "/bin/ls", "-l", "--verbose");

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_int_equal(p.cfg.entry_count, 3);
	assert_string_equal(p.cfg.entry[2], "--verbose");
	assert_false(p.cfg.verbose);
}

static void test_help_and_version(void **state)
{
	(void)state;
	assert_int_equal(parse("--help").r, LAUNCH_HELP);
	assert_int_equal(parse("-h").r, LAUNCH_HELP);
	assert_int_equal(parse("--version").r, LAUNCH_VERSION_INFO);
	assert_int_equal(parse("-V").r, LAUNCH_VERSION_INFO);
	/* --help wins over what is missing after it */
	assert_int_equal(parse("--memory", "64", "--help").r, LAUNCH_HELP);
}

static void test_unknown_and_incomplete(void **state)
{
	(void)state;
	assert_usage_error(parse(REQUIRED, "--bogus"), "unrecognized option '--bogus'");
	assert_usage_error(parse(REQUIRED, "-x"), "invalid option -- 'x'");
	assert_usage_error(parse(REQUIRED, "--memory"), "requires an argument");
	assert_usage_error(parse(REQUIRED, "--verbose=yes"), "verbose");
}

static void test_missing_required(void **state)
{
	(void)state;
	assert_usage_error(parse("--initrd", "i", "--rosetta-dir", "d"), "--kernel");
	assert_usage_error(parse("--kernel", "k", "--rosetta-dir", "d"), "--initrd");
	assert_usage_error(parse("--kernel", "k", "--initrd", "i"), "--rosetta-dir");
	assert_usage_error(parse("--kernel", "k", "--rosetta-dir", "d"), "--no-initrd");
	assert_usage_error(parse(REQUIRED, "--kernel", ""), "non-empty");
}

static void test_bad_numbers(void **state)
{
	(void)state;
	assert_usage_error(parse(REQUIRED, "--memory", "1g"), "--memory value '1g'");
	assert_usage_error(parse(REQUIRED, "--memory", "32"), "64 to");
	assert_usage_error(parse(REQUIRED, "--memory", "-1"), "--memory");
	assert_usage_error(parse(REQUIRED, "--memory", ""), "--memory");
	assert_usage_error(parse(REQUIRED, "--cpus", "0"), "--cpus value '0'");
	assert_usage_error(parse(REQUIRED, "--cpus", "99999999999999999999"), "--cpus");
	assert_usage_error(parse(REQUIRED, "--timeout", "+5"), "--timeout");
	assert_usage_error(parse(REQUIRED, "--timeout", "5s"), "--timeout");
	assert_int_equal(parse(REQUIRED, "--timeout", "0").cfg.timeout_s, 0);
}

static void test_bad_accel_and_tag(void **state)
{
	(void)state;
	assert_usage_error(parse(REQUIRED, "--accel", "hvf"), "auto, kvm or tcg");
	assert_int_equal(parse(REQUIRED, "--accel", "kvm").cfg.accel, LAUNCH_ACCEL_KVM);
	assert_usage_error(parse(REQUIRED, "--tag", "a b"), "--tag value 'a b'");
	assert_usage_error(parse(REQUIRED, "--tag", "a,b"), "--tag");
	assert_usage_error(parse(REQUIRED, "--tag", ""), "--tag");
	assert_usage_error(parse(REQUIRED, "--tag", "0123456789012345678901234567890123456"),
			   "--tag");
	assert_int_equal(parse(REQUIRED, "--tag", "012345678901234567890123456789012345").r,
			 LAUNCH_RUN);
	assert_usage_error(parse(REQUIRED, "--root-dir", "/x", "--tag", "rosetta-root"),
			   "taken by the --root-dir share");
}

static void test_root_image_and_root_flags(void **state)
{
	struct parsed p = parse(REQUIRED, "--root-image", "disk.qcow2", "--root-ro");

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_string_equal(p.cfg.root_image, "disk.qcow2");
	assert_null(p.cfg.root_dir);
	assert_true(p.cfg.root_ro);
	assert_false(p.cfg.ephemeral);
	p = parse(REQUIRED, "--ephemeral", "--root-dir", "/srv/x86");
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_true(p.cfg.ephemeral);
	assert_false(p.cfg.root_ro);
	assert_string_equal(p.cfg.root_dir, "/srv/x86");
	assert_usage_error(parse(REQUIRED, "--root-image", ""), "--root-image needs a non-empty");
	assert_usage_error(parse(REQUIRED, "--root-ro=1", "--root-dir", "/x"), "root-ro");
}

static void test_root_conflicts(void **state)
{
	(void)state;
	assert_usage_error(parse(REQUIRED, "--root-dir", "/x", "--root-image", "d.img"),
			   "--root-dir and --root-image exclude each other");
	assert_usage_error(parse(REQUIRED, "--ephemeral"),
			   "--ephemeral needs --root-dir or --root-image");
	assert_usage_error(parse(REQUIRED, "--root-ro"),
			   "--root-ro needs --root-dir or --root-image");
	assert_usage_error(parse(REQUIRED, "--root-dir", "/x", "--root-ro", "--ephemeral"),
			   "--root-ro and --ephemeral exclude each other");
	assert_usage_error(parse(REQUIRED, "--root-image", "d.img", "--root-ro", "--ephemeral"),
			   "--root-ro and --ephemeral exclude each other");
	/* the rules apply once every option is read, whatever their order */
	assert_int_equal(parse(REQUIRED, "--ephemeral", "--root-image", "d.img").r, LAUNCH_RUN);
}

static void test_no_initrd(void **state)
{
	struct parsed p = parse("--kernel", "k", "--rosetta-dir", "d", "--no-initrd",
				"--expect-poweroff", "--cmdline", "root=/dev/vda init=/sbin/init");

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_true(p.cfg.no_initrd);
	assert_true(p.cfg.expect_poweroff);
	assert_null(p.cfg.initrd);
	assert_false(parse(REQUIRED).cfg.expect_poweroff);
	assert_usage_error(parse(REQUIRED, "--no-initrd"),
			   "--initrd and --no-initrd exclude each other");
	assert_usage_error(
	    parse("--kernel", "k", "--rosetta-dir", "d", "--no-initrd", "--", "/bin/true"),
	    "an entry program needs rosetta-init");
}

static void assert_share(const struct launch_extra_share *s, const char *dir, const char *tag,
			 bool ro)
{
	assert_string_equal(s->dir, dir);
	assert_string_equal(s->tag, tag);
	assert_int_equal(s->ro, ro);
}

static void test_share_forms(void **state)
{
	struct parsed p = parse(REQUIRED, "--share", "/srv/data:data", "--share", "/srv/ro:lib:ro",
				"--share", "/a:b:tag", "--share", "rel:ro");

	(void)state;
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_int_equal(p.cfg.nshares, 4);
	assert_share(&p.cfg.share[0], "/srv/data", "data", false);
	assert_share(&p.cfg.share[1], "/srv/ro", "lib", true);
	/* DIR may hold colons: the value splits at its last one */
	assert_share(&p.cfg.share[2], "/a:b", "tag", false);
	/* ":ro" alone after DIR is the tag ro */
	assert_share(&p.cfg.share[3], "rel", "ro", false);
	p = parse(REQUIRED, "--share", "d:ro:ro", "--share",
		  "/d:012345678901234567890123456789012345:ro");
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_share(&p.cfg.share[0], "d", "ro", true);
	assert_share(&p.cfg.share[1], "/d", "012345678901234567890123456789012345", true);
}

static void test_share_refusals(void **state)
{
	static char long_dir[PATH_MAX + 8];
	struct parsed p;

	(void)state;
	assert_usage_error(parse(REQUIRED, "--share", "/srv/data"),
			   "invalid --share value '/srv/data': expected DIR:TAG or DIR:TAG:ro");
	assert_usage_error(parse(REQUIRED, "--share", ":data"),
			   "invalid --share value ':data': DIR is empty");
	assert_usage_error(parse(REQUIRED, "--share", ":data:ro"), "DIR is empty");
	assert_usage_error(parse(REQUIRED, "--share", "/d:"), "invalid --share tag in '/d:'");
	assert_usage_error(parse(REQUIRED, "--share", "/d::ro"), "invalid --share tag in '/d::ro'");
	assert_usage_error(parse(REQUIRED, "--share", "/d:a b"), "invalid --share tag in '/d:a b'");
	assert_usage_error(parse(REQUIRED, "--share", "/d:a,b:ro"), "--share tag");
	assert_usage_error(parse(REQUIRED, "--share", "/d:0123456789012345678901234567890123456"),
			   "use 1 to 36 letters");
	assert_usage_error(parse(REQUIRED, "--share", ""), "--share");
	memset(long_dir, 'd', PATH_MAX);
	memcpy(long_dir + PATH_MAX, ":t", 3);
	p = parse(REQUIRED, "--share", long_dir);
	assert_int_equal(p.r, -ENAMETOOLONG);
	assert_non_null(strstr(p.err.msg[0].text, "--share directory is too long"));
}

static void test_share_tag_clashes(void **state)
{
	(void)state;
	assert_usage_error(parse(REQUIRED, "--share", "/d:rosetta"),
			   "--share tag 'rosetta' is taken by the translator share");
	/* --tag comes later, and still counts */
	assert_usage_error(parse(REQUIRED, "--share", "/d:xl", "--tag", "xl"),
			   "--share tag 'xl' is taken by the translator share");
	assert_int_equal(parse(REQUIRED, "--share", "/d:rosetta", "--tag", "xl").r, LAUNCH_RUN);
	assert_usage_error(parse(REQUIRED, "--root-dir", "/r", "--share", "/d:rosetta-root"),
			   "--share tag 'rosetta-root' is taken by the --root-dir share");
	assert_usage_error(parse(REQUIRED, "--share", "/a:t", "--share", "/b:t:ro"),
			   "--share tag 't' is given twice");
}

static void test_share_limit(void **state)
{
	const char *words[32] = { REQUIRED };
	static char values[LAUNCH_EXTRA_SHARES_MAX + 1][16];
	struct parsed p;
	size_t n = 6, i;

	(void)state;
	for (i = 0; i < LAUNCH_EXTRA_SHARES_MAX; i++) {
		snprintf(values[i], sizeof(values[i]), "/d:t%zu", i);
		words[n++] = "--share";
		words[n++] = values[i];
	}
	p = parse_words(words);
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_int_equal(p.cfg.nshares, LAUNCH_EXTRA_SHARES_MAX);
	assert_string_equal(p.cfg.share[LAUNCH_EXTRA_SHARES_MAX - 1].tag, "t7");
	words[n++] = "--share";
	words[n++] = "/d:one-more";
	assert_usage_error(parse_words(words), "at most 8 --share options");
}

static void test_memory_default_follows_root(void **state)
{
	(void)state;
	assert_int_equal(parse(REQUIRED).cfg.memory_mib, 1024);
	assert_int_equal(parse(REQUIRED, "--root-dir", "/x").cfg.memory_mib, 1024);
	assert_int_equal(parse(REQUIRED, "--root-image", "d", "--ephemeral").cfg.memory_mib, 1024);
	/* the tmpfs that takes the root's writes lives in guest memory */
	assert_int_equal(parse(REQUIRED, "--root-dir", "/x", "--ephemeral").cfg.memory_mib, 2048);
	/* --memory wins, before or after the root options */
	assert_int_equal(
	    parse(REQUIRED, "--memory", "512", "--root-dir", "/x", "--ephemeral").cfg.memory_mib,
	    512);
	assert_int_equal(
	    parse(REQUIRED, "--root-dir", "/x", "--ephemeral", "--memory", "1024").cfg.memory_mib,
	    1024);
}

/* The kernel groups a double-quoted value and has no escape: a quote left open takes the
 * rest of the command line, rosetta.entry included, into one word. */
static void test_cmdline_quotes(void **state)
{
	(void)state;
	assert_usage_error(parse(REQUIRED, "--cmdline", "rosetta.debug=\""),
			   "--cmdline: the double quote in 'rosetta.debug=\"' is not closed");
	assert_usage_error(parse(REQUIRED, "--cmdline", "quiet rosetta.debug=\" loglevel=7"),
			   "in 'rosetta.debug=\"' is not closed");
	assert_usage_error(parse(REQUIRED, "--cmdline", "a=\"b c\" d=\"e f"),
			   "in 'd=\"e' is not closed");
	assert_usage_error(parse(REQUIRED, "--cmdline", "x=1\t\"", "--", "/bin/true"),
			   "in '\"' is not closed");
	assert_usage_error(parse(REQUIRED, "--cmdline", "a=\"\"\""), "in 'a=\"\"\"' is not");
	assert_int_equal(parse(REQUIRED, "--cmdline", "a=\"b c\" d=\"\" \"e\"").r, LAUNCH_RUN);
	assert_int_equal(parse(REQUIRED, "--cmdline", "").r, LAUNCH_RUN);
	/* the last --cmdline is the one that counts, and the one checked */
	assert_int_equal(parse(REQUIRED, "--cmdline", "a=\"", "--cmdline", "b").r, LAUNCH_RUN);
}

/* The parser resets getopt, so a second run does not inherit the first one's position. */
static void test_parses_twice(void **state)
{
	(void)state;
	assert_int_equal(parse(REQUIRED, "--cpus", "3").cfg.cpus, 3);
	assert_int_equal(parse(REQUIRED, "--cpus", "5").cfg.cpus, 5);
}

/* What one backend takes and the other does not. */
static void test_vfkit_conflicts(void **state)
{
	struct parsed p;

	(void)state;
	assert_usage_error(parse("--backend", "xen"), "invalid --backend value 'xen'");
	assert_usage_error(parse(VFKIT_REQUIRED, "--accel", "auto"),
			   "--accel is for --backend qemu");
	assert_usage_error(parse(VFKIT_REQUIRED, "--qemu", "/q"), "--qemu is for --backend qemu");
	assert_usage_error(parse(VFKIT_REQUIRED, "--virtiofsd", "/v"),
			   "--virtiofsd is for --backend qemu");
	assert_usage_error(parse(VFKIT_REQUIRED, "--rosetta-dir", "/r"),
			   "--rosetta-dir is for --backend qemu: with vfkit the translator is "
			   "the one Virtualization.framework provides");
	assert_usage_error(parse("--backend", "vfkit", "--kernel", "/b/Image", "--no-initrd"),
			   "--no-initrd is for --backend qemu");
	assert_usage_error(parse(VFKIT_REQUIRED, "--share", "/data:data:ro"),
			   "--share /data:data:ro: vfkit cannot share a directory read-only");
	assert_usage_error(parse(VFKIT_REQUIRED, "--root-image", "x.raw", "--ephemeral"),
			   "--root-image with --ephemeral needs --backend qemu");
	assert_usage_error(
	    parse("--kernel", "k", "--initrd", "i", "--rosetta-dir", "r", "--vfkit", "/v"),
	    "--vfkit needs --backend vfkit");
	/* what the other backend needs is not missing */
	p = parse(VFKIT_REQUIRED, "--vfkit", "/v");
	assert_int_equal(p.r, LAUNCH_RUN);
	assert_int_equal(p.cfg.backend, LAUNCH_BACKEND_VFKIT);
	assert_string_equal(p.cfg.vfkit, "/v");
	assert_null(p.cfg.rosetta_dir);
	assert_usage_error(parse("--backend", "vfkit", "--kernel", "k"),
			   "missing required option --initrd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vfkit_conflicts),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_option),
		cmocka_unit_test(test_entry_after_dashes),
		cmocka_unit_test(test_entry_without_dashes),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_unknown_and_incomplete),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_bad_accel_and_tag),
		cmocka_unit_test(test_parses_twice),
		cmocka_unit_test(test_root_image_and_root_flags),
		cmocka_unit_test(test_root_conflicts),
		cmocka_unit_test(test_no_initrd),
		cmocka_unit_test(test_share_forms),
		cmocka_unit_test(test_share_refusals),
		cmocka_unit_test(test_share_tag_clashes),
		cmocka_unit_test(test_share_limit),
		cmocka_unit_test(test_memory_default_follows_root),
		cmocka_unit_test(test_cmdline_quotes),
	};

	return cmocka_run_group_tests_name("launch_options", tests, NULL, NULL);
}
