/*
 * rosetta-mkinitramfs's option parser: the defaults and every option, the compression its
 * output's name implies, SOURCE_DATE_EPOCH, --help and --version, and each usage error with
 * its one message: unknown options, missing arguments, bad values, --spec twice, no DIR or
 * more than one.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "lib/array_size.h"
#include "tools/rosetta-mkinitramfs/options.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include <cmocka.h>

struct parsed {
	struct mkinitramfs_options o;
	struct error_record err;
	int r;
};

/* Parse "rosetta-mkinitramfs" followed by the words, with SOURCE_DATE_EPOCH epoch. */
#define parse_env(epoch, ...) parse_words(epoch, (const char *const[]){ __VA_ARGS__, NULL })
#define parse(...)	      parse_env(NULL, __VA_ARGS__)
/* No words at all. */
#define parse_none() parse_words(NULL, (const char *const[]){ NULL })

static struct parsed parse_words(const char *epoch, const char *const *words)
{
	static char *argv[32];
	struct parsed p;
	int argc = 0;

	memset(&p, 0, sizeof(p));
	error_init(&p.err);
	argv[argc++] = (char *)"rosetta-mkinitramfs";
	for (; *words && argc < 31; words++)
		argv[argc++] = (char *)*words;
	argv[argc] = NULL;
	p.r = mkinitramfs_parse_options(argc, argv, epoch, &p.o, &p.err);
	return p;
}

/* A usage error: -EINVAL, one message exactly msg, and not the system's fault. */
static void assert_usage_error(const struct parsed *p, const char *msg)
{
	assert_int_equal(p->r, -EINVAL);
	assert_int_equal(p->err.err, -EINVAL);
	assert_int_equal(p->err.count, 1);
	assert_false(p->err.system);
	assert_string_equal(p->err.msg[0].text, msg);
}

static void assert_run(const struct parsed *p)
{
	assert_int_equal(p->r, MKINITRAMFS_RUN);
	assert_int_equal(p->err.count, 0);
}

static void test_defaults(void **state)
{
	struct parsed p = parse("tree");

	(void)state;
	assert_run(&p);
	assert_string_equal(p.o.dir, "tree");
	assert_null(p.o.out);
	assert_null(p.o.spec);
	assert_int_equal(p.o.method, COMPRESS_NONE);
	assert_int_equal(p.o.mtime, 0);
}

static void test_every_option(void **state)
{
	struct parsed p = parse("-o", "out.img", "--compress", "zstd", "--mtime", "4294967295",
				"--spec", "extra.spec", "tree");

	(void)state;
	assert_run(&p);
	assert_string_equal(p.o.out, "out.img");
	assert_int_equal(p.o.method, COMPRESS_ZSTD);
	assert_int_equal(p.o.mtime, 4294967295u);
	assert_string_equal(p.o.spec, "extra.spec");
	assert_string_equal(p.o.dir, "tree");
}

static void test_option_spellings(void **state)
{
	struct parsed p = parse("--output=a.cpio", "--mtime=0", "tree");

	(void)state;
	assert_run(&p);
	assert_string_equal(p.o.out, "a.cpio");
	assert_int_equal(p.o.mtime, 0);
	p = parse("-ob.cpio", "--", "tree");
	assert_run(&p);
	assert_string_equal(p.o.out, "b.cpio");
	assert_string_equal(p.o.dir, "tree");
}

/* The output's name picks the compression unless --compress says otherwise. */
static void test_compression_from_name(void **state)
{
	(void)state;
	assert_int_equal(parse("-o", "i.cpio.gz", "t").o.method, COMPRESS_GZIP);
	assert_int_equal(parse("-o", "i.cpio.zst", "t").o.method, COMPRESS_ZSTD);
	assert_int_equal(parse("-o", "i.cpio", "t").o.method, COMPRESS_NONE);
	assert_int_equal(parse("-o", "i.cpio.gz", "--compress", "none", "t").o.method,
			 COMPRESS_NONE);
	assert_int_equal(parse("--compress", "gzip", "-o", "i.zst", "t").o.method, COMPRESS_GZIP);
	assert_int_equal(parse("--compress", "gzip", "t").o.method, COMPRESS_GZIP);
}

static void test_source_date_epoch(void **state)
{
	struct parsed p = parse_env("1700000000", "tree");

	(void)state;
	assert_run(&p);
	assert_int_equal(p.o.mtime, 1700000000);
	p = parse_env("1700000000", "--mtime", "5", "tree");
	assert_run(&p);
	assert_int_equal(p.o.mtime, 5);
	/* --mtime given: a bad epoch does not matter */
	p = parse_env("soon", "--mtime", "5", "tree");
	assert_run(&p);
	assert_int_equal(p.o.mtime, 5);
	p = parse_env("soon", "tree");
	assert_usage_error(&p, "bad SOURCE_DATE_EPOCH 'soon': need seconds, 0 to 4294967295");
	p = parse_env("4294967296", "tree");
	assert_usage_error(&p, "bad SOURCE_DATE_EPOCH '4294967296': need seconds, 0 to "
			       "4294967295");
	p = parse_env("", "tree");
	assert_usage_error(&p, "bad SOURCE_DATE_EPOCH '': need seconds, 0 to 4294967295");
}

/* --help and --version end the parse where they stand: nothing after them is needed, and
 * an error before them still counts. */
static void test_help_and_version(void **state)
{
	struct parsed p;

	(void)state;
	assert_int_equal(parse("--help").r, MKINITRAMFS_HELP);
	assert_int_equal(parse("-h").r, MKINITRAMFS_HELP);
	assert_int_equal(parse("--version").r, MKINITRAMFS_VERSION_INFO);
	assert_int_equal(parse("-V").r, MKINITRAMFS_VERSION_INFO);
	assert_int_equal(parse("--help", "--compress", "xz").r, MKINITRAMFS_HELP);
	assert_int_equal(parse("-o", "x", "-V", "a", "b").r, MKINITRAMFS_VERSION_INFO);
	p = parse("--compress", "xz", "--help");
	assert_usage_error(&p, "bad --compress 'xz': need gzip, zstd or none");
}

static void test_unknown_options(void **state)
{
	struct parsed p;

	(void)state;
	p = parse("-x", "tree");
	assert_usage_error(&p, "unknown option -x");
	p = parse("-xo", "out", "tree");
	assert_usage_error(&p, "unknown option -x");
	p = parse("--frobnicate", "tree");
	assert_usage_error(&p, "unknown option --frobnicate");
	p = parse("--frobnicate=1", "tree");
	assert_usage_error(&p, "unknown option --frobnicate=1");
	p = parse("--help=1");
	assert_usage_error(&p, "unknown option --help=1");
}

static void test_missing_arguments(void **state)
{
	struct parsed p;

	(void)state;
	p = parse("--mtime");
	assert_usage_error(&p, "option --mtime needs an argument");
	p = parse("--compress");
	assert_usage_error(&p, "option --compress needs an argument");
	p = parse("--spec");
	assert_usage_error(&p, "option --spec needs an argument");
	p = parse("--output");
	assert_usage_error(&p, "option --output needs an argument");
	p = parse("-o");
	assert_usage_error(&p, "option -o needs an argument");
}

static void test_bad_values(void **state)
{
	static const char *const mtimes[] = { "-1", "+5",	  " 5",
					      "5 ", "0x10",	  "1e3",
					      "",   "4294967296", "99999999999999999999999" };
	char want[128];
	struct parsed p;

	(void)state;
	p = parse("--compress", "xz", "tree");
	assert_usage_error(&p, "bad --compress 'xz': need gzip, zstd or none");
	p = parse("--compress", "", "tree");
	assert_usage_error(&p, "bad --compress '': need gzip, zstd or none");
	p = parse("--compress", "GZIP", "tree");
	assert_usage_error(&p, "bad --compress 'GZIP': need gzip, zstd or none");
	for (size_t i = 0; i < ARRAY_SIZE(mtimes); i++) {
		p = parse("--mtime", mtimes[i], "tree");
		snprintf(want, sizeof(want), "bad --mtime '%s': need seconds, 0 to 4294967295",
			 mtimes[i]);
		assert_usage_error(&p, want);
	}
}

static void test_spec_twice(void **state)
{
	struct parsed p = parse("--spec", "a.spec", "--spec", "a.spec", "tree");

	(void)state;
	assert_usage_error(&p, "--spec given twice");
}

/* One DIR, and options end at it: what follows is an operand too. */
static void test_operands(void **state)
{
	struct parsed p;

	(void)state;
	p = parse_none();
	assert_usage_error(&p, "missing DIR");
	p = parse("-o", "out.cpio");
	assert_usage_error(&p, "missing DIR");
	p = parse("a", "b");
	assert_usage_error(&p, "unexpected argument 'b': give one DIR");
	p = parse("a", "b", "c");
	assert_usage_error(&p, "unexpected argument 'b': give one DIR");
	p = parse("tree", "--mtime", "5");
	assert_usage_error(&p, "unexpected argument '--mtime': give one DIR");
}

/* Each parse starts over: nothing of an earlier one is left in the options. */
static void test_parses_start_over(void **state)
{
	struct parsed p = parse("-o", "x.gz", "--spec", "s", "--mtime", "9", "one");

	(void)state;
	assert_run(&p);
	p = parse("two");
	assert_run(&p);
	assert_string_equal(p.o.dir, "two");
	assert_null(p.o.out);
	assert_null(p.o.spec);
	assert_int_equal(p.o.mtime, 0);
	assert_int_equal(p.o.method, COMPRESS_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_option),
		cmocka_unit_test(test_option_spellings),
		cmocka_unit_test(test_compression_from_name),
		cmocka_unit_test(test_source_date_epoch),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_unknown_options),
		cmocka_unit_test(test_missing_arguments),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_spec_twice),
		cmocka_unit_test(test_operands),
		cmocka_unit_test(test_parses_start_over),
	};

	return cmocka_run_group_tests_name("mkinitramfs_options", tests, NULL, NULL);
}
