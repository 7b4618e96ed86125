/* kernel-config/check.c, facts.c, warnings.c: verdicts per rule (built in,
 * module, missing, and the page size and VA bits choices judged by the
 * numbers Kconfig derives), the facts, the kernel version warnings, and
 * the configurations the rules do not apply to. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel-config/check.h"
#include "lib/array_size.h"

#include <cmocka.h>

static const struct kconfig_rule rules[] = {
	{ "CONFIG_ARM64_4K_PAGES", "y", KCONFIG_REQUIRED, "pages" },
	{ "CONFIG_ARM64_VA_BITS_48", "y", KCONFIG_REQUIRED, "va" },
	{ "CONFIG_FUSE_FS", "y", KCONFIG_REQUIRED, "fuse" },
	{ "CONFIG_VIRTIO_FS", "y", KCONFIG_REQUIRED, "virtiofs" },
	{ "CONFIG_VSOCKETS", "y", KCONFIG_RECOMMENDED, "vsock" },
	{ "CONFIG_MODULES", NULL, KCONFIG_RECOMMENDED, "no modules" },
	{ "CONFIG_NR", "4", KCONFIG_RECOMMENDED, "four" },
};
enum { PAGES, VA, FUSE, VIRTIOFS, VSOCK, NOMODULES, NR };

#define HEADER(v) "# Linux/arm64 " v " Kernel Configuration\nCONFIG_ARM64=y\n"
#define GOOD                                                                                       \
	"CONFIG_ARM64_4K_PAGES=y\nCONFIG_ARM64_PAGE_SHIFT=12\nCONFIG_ARM64_VA_BITS_48=y\n"         \
	"CONFIG_ARM64_VA_BITS=48\n"

static struct kconfig c;
static struct kconfig_report rep;
static struct error_record e;

static int check(const char *text)
{
	int r;

	kconfig_report_free(&rep);
	kconfig_free(&c);
	error_init(&e);
	assert_int_equal(kconfig_parse(&c, text, strlen(text), "t.config", &e), 0);
	r = kconfig_check(&c, rules, ARRAY_SIZE(rules), &rep, &e);
	if (r == 0)
		assert_int_equal(rep.n, ARRAY_SIZE(rules));
	return r;
}

static int teardown(void **state)
{
	(void)state;
	kconfig_report_free(&rep);
	kconfig_free(&c);
	return 0;
}

static enum kconfig_state state_of(size_t rule)
{
	return rep.verdicts[rule].state;
}

static void builtin_module_missing(void **state)
{
	(void)state;
	assert_int_equal(check(HEADER("6.1.0") GOOD "CONFIG_FUSE_FS=y\nCONFIG_VIRTIO_FS=m\n"
						    "CONFIG_MODULES=y\nCONFIG_NR=4\n"),
			 0);
	assert_int_equal(state_of(FUSE), KCONFIG_BUILTIN);
	assert_int_equal(state_of(VIRTIOFS), KCONFIG_MODULE);
	assert_string_equal(rep.verdicts[VIRTIOFS].value, "m");
	assert_int_equal(state_of(VSOCK), KCONFIG_MISSING);
	assert_int_equal(state_of(NOMODULES), KCONFIG_WRONG);
	assert_int_equal(state_of(NR), KCONFIG_SET);
	assert_int_equal(rep.failed[KCONFIG_REQUIRED], 0);
	assert_int_equal(rep.failed[KCONFIG_RECOMMENDED], 2);
	assert_true(rep.facts.modules);
	assert_true(kconfig_verdict_ok(&rep.verdicts[VIRTIOFS]));
	assert_false(kconfig_verdict_ok(&rep.verdicts[VSOCK]));
	assert_string_equal(kconfig_state_name(state_of(VIRTIOFS)), "module");

	assert_int_equal(check(HEADER("6.1.0") GOOD "# CONFIG_FUSE_FS is not set\nCONFIG_NR=5\n"
						    "# CONFIG_MODULES is not set\n"),
			 0);
	assert_int_equal(state_of(FUSE), KCONFIG_MISSING);
	assert_int_equal(state_of(VIRTIOFS), KCONFIG_MISSING);
	assert_null(rep.verdicts[VIRTIOFS].value);
	assert_int_equal(state_of(NOMODULES), KCONFIG_NOT_SET);
	assert_int_equal(state_of(NR), KCONFIG_WRONG);
	assert_int_equal(rep.failed[KCONFIG_REQUIRED], 2);
	assert_false(rep.facts.modules);
}

/* 48 bits is the least: 39 fails by name, 52 meets it without the 48 option. */
static void va_bits(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HEADER("6.1.0") "CONFIG_ARM64_VA_BITS_39=y\nCONFIG_ARM64_VA_BITS=39\n"), 0);
	assert_int_equal(rep.facts.va_bits, 39);
	assert_int_equal(state_of(VA), KCONFIG_MISSING);
	assert_string_equal(rep.verdicts[VA].detail,
			    "39-bit virtual addresses, CONFIG_ARM64_VA_BITS=39");
	assert_int_equal(check(HEADER("6.1.0") GOOD), 0);
	assert_int_equal(state_of(VA), KCONFIG_BUILTIN);
	assert_int_equal(
	    check(HEADER("6.1.0") "CONFIG_ARM64_VA_BITS_52=y\nCONFIG_ARM64_VA_BITS=52\n"), 0);
	assert_int_equal(rep.facts.va_bits, 52);
	assert_int_equal(state_of(VA), KCONFIG_SATISFIED);
	assert_true(kconfig_verdict_ok(&rep.verdicts[VA]));
	assert_string_equal(rep.verdicts[VA].detail,
			    "52-bit virtual addresses, CONFIG_ARM64_VA_BITS=52");
	/* The option set but the number not: the number is what runs. */
	assert_int_equal(
	    check(HEADER("6.1.0") "CONFIG_ARM64_VA_BITS_48=y\nCONFIG_ARM64_VA_BITS=42\n"), 0);
	assert_int_equal(state_of(VA), KCONFIG_WRONG);
	/* No number at all: the option alone decides. */
	assert_int_equal(check(HEADER("6.1.0") "CONFIG_ARM64_VA_BITS_48=y\n"), 0);
	assert_int_equal(state_of(VA), KCONFIG_BUILTIN);
	assert_string_equal(rep.verdicts[VA].detail, "");
}

static void page_shift(void **state)
{
	(void)state;
	assert_int_equal(check(HEADER("6.1.0") GOOD), 0);
	assert_int_equal(rep.facts.page_shift, 12);
	assert_int_equal(state_of(PAGES), KCONFIG_BUILTIN);
	assert_string_equal(rep.verdicts[PAGES].detail, "4K pages, CONFIG_ARM64_PAGE_SHIFT=12");
	assert_int_equal(
	    check(HEADER("6.1.0") "CONFIG_ARM64_16K_PAGES=y\nCONFIG_ARM64_PAGE_SHIFT=14\n"), 0);
	assert_int_equal(state_of(PAGES), KCONFIG_MISSING);
	assert_string_equal(rep.verdicts[PAGES].detail, "16K pages, CONFIG_ARM64_PAGE_SHIFT=14");
	assert_int_equal(
	    check(HEADER("6.1.0") "CONFIG_ARM64_64K_PAGES=y\nCONFIG_ARM64_PAGE_SHIFT=16\n"), 0);
	assert_int_equal(state_of(PAGES), KCONFIG_MISSING);
	assert_string_equal(rep.verdicts[PAGES].detail, "64K pages, CONFIG_ARM64_PAGE_SHIFT=16");
	assert_int_equal(rep.failed[KCONFIG_REQUIRED], 4);
}

/* The warnings of each version, from the one it starts with on. */
static void version_warnings(void **state)
{
	static const struct {
		const char *version;
		size_t n;
		const char *last;
	} cases[] = {
		{ "6.1.192", 0, NULL },	 { "6.2.16", 0, NULL },	  { "6.3.0", 1, "6.3" },
		{ "6.10.14", 1, "6.3" }, { "6.11.0", 2, "6.11" }, { "6.12.9-rc1", 2, "6.11" },
		{ "6.13.2", 3, "6.13" }, { "7.0.0", 3, "6.13" },  { "5.15.0-91-arm64", 0, NULL },
		{ "6.13", 3, "6.13" },
	};
	char text[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text), HEADER("%s") GOOD, cases[i].version);
		assert_int_equal(check(text), 0);
		assert_string_equal(rep.facts.version, cases[i].version);
		assert_int_equal(rep.nwarnings, cases[i].n);
		if (cases[i].n)
			assert_string_equal(rep.warnings[cases[i].n - 1].since, cases[i].last);
	}
	assert_int_equal(check(HEADER("6.13.2") GOOD "CONFIG_FUSE_FS=y\nCONFIG_VIRTIO_FS=y\n"), 0);
	assert_int_equal(rep.failed[KCONFIG_REQUIRED], 0); /* warnings fail nothing */
	assert_non_null(strstr(rep.warnings[0].text, "AT_RSEQ_ALIGN"));
	assert_string_equal(rep.warnings[0].hosts, "macOS 13.5");
	assert_non_null(strstr(rep.warnings[1].text, "Failed to find vdso DT_HASH"));
	assert_non_null(strstr(rep.warnings[2].text, "unhandled auxillary vector type 29"));
	assert_non_null(strstr(rep.warnings[2].hosts, "macOS 15"));
}

/* Not knowing the version is a warning of its own. */
static void unknown_version(void **state)
{
	(void)state;
	assert_int_equal(check("CONFIG_ARM64=y\n" GOOD), 0);
	assert_string_equal(rep.facts.version, "");
	assert_int_equal(rep.facts.major, 0);
	assert_int_equal(rep.nwarnings, 1);
	assert_null(rep.warnings[0].since);
	assert_non_null(strstr(rep.warnings[0].text, "not checked"));
	assert_int_equal(check(HEADER("next") GOOD), 0);
	assert_int_equal(rep.nwarnings, 1);
	assert_null(rep.warnings[0].since);
}

static void not_arm64(void **state)
{
	(void)state;
	assert_int_equal(check("# Linux/x86 6.1.0 Kernel Configuration\nCONFIG_X86_64=y\n"),
			 -ENOEXEC);
	assert_false(rep.facts.arm64);
	assert_string_equal(rep.facts.arch, "x86");
	assert_null(rep.verdicts);
	assert_string_equal(e.msg[0].text, "t.config is not an arm64 kernel configuration: it has "
					   "no CONFIG_ARM64=y (its header says Linux/x86 6.1.0)");
	assert_int_equal(check("CONFIG_ARM64=m\n"), -ENOEXEC);
	assert_string_equal(
	    e.msg[0].text,
	    "t.config is not an arm64 kernel configuration: it has no CONFIG_ARM64=y");
	assert_int_equal(check("# nothing but comments\n"), -EINVAL);
	assert_non_null(strstr(e.msg[0].text, "holds no kernel option"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_module_missing),
		cmocka_unit_test(va_bits),
		cmocka_unit_test(page_shift),
		cmocka_unit_test(version_warnings),
		cmocka_unit_test(unknown_version),
		cmocka_unit_test(not_arm64),
	};

	return cmocka_run_group_tests_name("kconfig_check", tests, NULL, teardown);
}
