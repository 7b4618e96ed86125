/*
 * What rosettactl asks the running kernel, judged apart from the asking: the aux vector's
 * bytes, a vDSO image's dynamic segment, the address width from a mapping function that
 * plays a kernel of each width, the TSO prctl's answers, and the version line of what a
 * translator printed.
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tools/rosettactl/auxv.h"
#include "tools/rosettactl/translator.h"
#include "tools/rosettactl/tso.h"
#include "tools/rosettactl/va.h"
#include "tools/rosettactl/vdso.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void auxv_parses_up_to_at_null(void **state)
{
	const unsigned long v[] = { AT_PAGESZ, 4096, RCTL_AT_HWCAP3, 1, AT_NULL, 0, 99, 99 };
	struct rctl_auxv a;
	unsigned long types[2], value = 0;

	(void)state;
	assert_int_equal(rctl_auxv_parse(v, sizeof(v), &a), 0);
	assert_int_equal(a.n, 2);
	assert_true(rctl_auxv_get(&a, AT_PAGESZ, &value));
	assert_int_equal(value, 4096);
	assert_false(rctl_auxv_get(&a, 99, &value)); /* past AT_NULL */
	assert_int_equal(rctl_auxv_unknown_to_rosetta(&a, types, 2), 1);
	assert_int_equal(types[0], RCTL_AT_HWCAP3);
	assert_string_equal(rctl_auxv_name(AT_PAGESZ), "AT_PAGESZ");
	assert_null(rctl_auxv_name(1000));
}

static void auxv_refuses_what_is_cut_or_endless(void **state)
{
	unsigned long v[2 * (RCTL_AUXV_MAX + 1) + 2] = { 0 };
	struct rctl_auxv a;

	(void)state;
	for (size_t i = 0; i < RCTL_AUXV_MAX + 1; i++)
		v[2 * i] = 100 + i;
	assert_int_equal(rctl_auxv_parse(v, 4 * sizeof(long), &a), -EINVAL); /* no AT_NULL */
	assert_int_equal(rctl_auxv_parse(v, 3, &a), -EINVAL);		     /* not a pair */
	assert_int_equal(rctl_auxv_parse(v, sizeof(v), &a), -E2BIG);
}

struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	Elf64_Dyn dyn[2];
};

static void make_image(struct image *im, Elf64_Sxword tag)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
	im->eh.e_ident[EI_CLASS] = ELFCLASS64;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_phoff = offsetof(struct image, ph);
	im->eh.e_phentsize = sizeof(Elf64_Phdr);
	im->eh.e_phnum = 1;
	im->ph.p_type = PT_DYNAMIC;
	im->ph.p_offset = offsetof(struct image, dyn);
	im->ph.p_filesz = sizeof(im->dyn);
	im->dyn[0].d_tag = tag;
}

static void vdso_hash_is_found_or_missed(void **state)
{
	struct image im;

	(void)state;
	make_image(&im, DT_HASH);
	assert_int_equal(rctl_vdso_has_hash((const unsigned char *)&im, sizeof(im)), 1);
	make_image(&im, DT_GNU_HASH);
	assert_int_equal(rctl_vdso_has_hash((const unsigned char *)&im, sizeof(im)), 0);
}

static void vdso_malformed_is_refused(void **state)
{
	const unsigned char *p;
	struct image im;

	(void)state;
	p = (const unsigned char *)&im;
	make_image(&im, DT_HASH);
	assert_int_equal(rctl_vdso_has_hash(p, sizeof(im.eh) - 1), -ENOEXEC);
	assert_int_equal(rctl_vdso_has_hash(p, offsetof(struct image, dyn)), -ENOEXEC);
	im.ph.p_type = PT_LOAD; /* no dynamic segment */
	assert_int_equal(rctl_vdso_has_hash(p, sizeof(im)), -ENOEXEC);
	make_image(&im, DT_HASH);
	im.eh.e_phnum = 1000; /* headers past the end */
	assert_int_equal(rctl_vdso_has_hash(p, sizeof(im)), -ENOEXEC);
	make_image(&im, DT_HASH);
	im.eh.e_ident[EI_CLASS] = ELFCLASS32;
	assert_int_equal(rctl_vdso_has_hash(p, sizeof(im)), -ENOEXEC);
}

/* A kernel of arg bits: addresses below 1 << bits can be mapped. */
static bool kernel_of(uintptr_t addr, void *arg)
{
	unsigned int bits = *(unsigned int *)arg;

	return addr < ((uintptr_t)1 << bits);
}

static void va_bits_are_the_widest_mapped(void **state)
{
	static const unsigned int kernels[] = { 39, 42, 47, 48, 52 };

	(void)state;
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		unsigned int bits = kernels[i];

		assert_int_equal(rctl_va_bits_probe(kernel_of, &bits), bits);
	}
}

static bool nothing_maps(uintptr_t addr, void *arg)
{
	(void)addr, (void)arg;
	return false;
}

static void va_bits_unknown_when_nothing_maps(void **state)
{
	(void)state;
	assert_int_equal(rctl_va_bits_probe(nothing_maps, NULL), 0);
}

static void tso_answers_are_judged(void **state)
{
	(void)state;
	assert_int_equal(rctl_tso_judge(0, 0), RCTL_TSO_PRESENT);
	assert_int_equal(rctl_tso_judge(1, 0), RCTL_TSO_PRESENT);
	assert_int_equal(rctl_tso_judge(-1, EINVAL), RCTL_TSO_ABSENT);
	assert_int_equal(rctl_tso_judge(-1, EPERM), RCTL_TSO_UNKNOWN);
}

static void result(struct sandbox_result *r, const char *out, const char *err)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->out, sizeof(r->out), "%s", out);
	r->out_len = strlen(r->out);
	snprintf(r->err, sizeof(r->err), "%s", err);
	r->err_len = strlen(r->err);
}

static void version_line_prefers_the_word(void **state)
{
	struct sandbox_result r;
	char buf[64];

	(void)state;
	result(&r, "usage: qemu-x86_64 [options] program\nQEMU emulator version 7.2.0\n", "");
	assert_string_equal(rctl_version_line(&r, buf, sizeof(buf)), "QEMU emulator version 7.2.0");
	result(&r, "\n\nhello\nworld\n", "");
	assert_string_equal(rctl_version_line(&r, buf, sizeof(buf)), "hello");
	result(&r, "", "Rosetta is only intended to run on Apple Silicon\nmore\n");
	assert_string_equal(rctl_version_line(&r, buf, sizeof(buf)),
			    "Rosetta is only intended to run on Apple Silicon");
	result(&r, "", "");
	assert_null(rctl_version_line(&r, buf, sizeof(buf)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(auxv_parses_up_to_at_null),
		cmocka_unit_test(auxv_refuses_what_is_cut_or_endless),
		cmocka_unit_test(vdso_hash_is_found_or_missed),
		cmocka_unit_test(vdso_malformed_is_refused),
		cmocka_unit_test(va_bits_are_the_widest_mapped),
		cmocka_unit_test(va_bits_unknown_when_nothing_maps),
		cmocka_unit_test(tso_answers_are_judged),
		cmocka_unit_test(version_line_prefers_the_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
