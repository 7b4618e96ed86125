/*
 * rosettactl's checks of the kernel, each failed by a fixture made to fail it and passed by
 * the healthy one: 4K pages and the aux vector (PROC/self/auxv bytes), the address width,
 * the vDSO and the TSO prctl (the probes' answers, set as a kernel would give them), and the
 * required options (PROC/config.gz, made from kernel-config/required.config).
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/whole_file.h"
#include "tests/unit/rosettactl_fixture.h"
#include "tools/rosettactl/auxv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void page_size_passes_at_4k(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_page_size, RCTL_OK);
}

static void page_size_fails_at_16k(void **state)
{
	struct rctl_fixture *fx = *state;
	static const unsigned long auxv[] = { AT_PAGESZ, 16384 };
	struct rctl_finding f;

	rctl_fixture_auxv(fx, auxv, 1);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_page_size, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "16 KiB"));
}

static void va_bits_passes_at_48(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_va_bits, RCTL_OK);
}

static void va_bits_fails_at_39(void **state)
{
	struct rctl_fixture *fx = *state;

	fx->t.probes.va_bits = 39;
	rctl_fixture_expect(fx, &rctl_check_va_bits, RCTL_FAILED);
	/* Not an arm64 kernel: nothing was probed, nothing is judged. */
	fx->t.probes.done = false;
	rctl_fixture_expect(fx, &rctl_check_va_bits, RCTL_SKIPPED);
}

static void auxv_passes_without_new_types(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_auxv, RCTL_OK);
}

static void auxv_warns_on_type_28(void **state)
{
	struct rctl_fixture *fx = *state;
	static const unsigned long auxv[] = { AT_PAGESZ, 4096, 27, 28, 28, 32 };
	struct rctl_finding f;

	rctl_fixture_auxv(fx, auxv, 3);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_auxv, &f), RCTL_WARNING);
	assert_non_null(strstr(f.evidence, "macOS 13.5"));
}

static void auxv_warns_on_type_29(void **state)
{
	struct rctl_fixture *fx = *state;
	static const unsigned long auxv[] = { AT_PAGESZ, 4096, 28, 32, 29, 0 };
	struct rctl_finding f;

	rctl_fixture_auxv(fx, auxv, 3);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_auxv, &f), RCTL_WARNING);
	assert_non_null(strstr(f.evidence, "unhandled auxillary vector type 29"));
}

/* A vDSO image: an ELF header, one PT_DYNAMIC, and its entries. */
struct vdso_image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	Elf64_Dyn dyn[3];
};

static void make_vdso(struct vdso_image *v, Elf64_Sxword hash_tag)
{
	memset(v, 0, sizeof(*v));
	memcpy(v->eh.e_ident, ELFMAG, SELFMAG);
	v->eh.e_ident[EI_CLASS] = ELFCLASS64;
	v->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	v->eh.e_type = ET_DYN;
	v->eh.e_phoff = offsetof(struct vdso_image, ph);
	v->eh.e_phentsize = sizeof(Elf64_Phdr);
	v->eh.e_phnum = 1;
	v->ph.p_type = PT_DYNAMIC;
	v->ph.p_offset = offsetof(struct vdso_image, dyn);
	v->ph.p_filesz = sizeof(v->dyn);
	v->dyn[0] = (Elf64_Dyn){ .d_tag = DT_STRTAB };
	v->dyn[1] = (Elf64_Dyn){ .d_tag = hash_tag };
	v->dyn[2] = (Elf64_Dyn){ .d_tag = DT_NULL };
}

static void vdso_passes_with_dt_hash(void **state)
{
	struct rctl_fixture *fx = *state;
	struct vdso_image v;

	make_vdso(&v, DT_HASH);
	fx->t.probes.vdso = (const unsigned char *)&v;
	fx->t.probes.vdso_len = sizeof(v);
	rctl_fixture_expect(fx, &rctl_check_vdso, RCTL_OK);
}

static void vdso_warns_with_gnu_hash_alone(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;
	struct vdso_image v;

	make_vdso(&v, DT_GNU_HASH);
	fx->t.probes.vdso = (const unsigned char *)&v;
	fx->t.probes.vdso_len = sizeof(v);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_vdso, &f), RCTL_WARNING);
	assert_non_null(strstr(f.evidence, "Failed to find vdso DT_HASH"));
}

static void tso_passes_when_present(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_tso, RCTL_OK);
}

/* Slower, not broken: a warning. */
static void tso_warns_when_absent(void **state)
{
	struct rctl_fixture *fx = *state;

	fx->t.probes.tso = RCTL_TSO_ABSENT;
	rctl_fixture_expect(fx, &rctl_check_tso, RCTL_WARNING);
}

/* PROC/config.gz (plain text, which the reader takes too): an arm64 header, the required
 * fragment, less the options named in drop, and the values Kconfig derives. */
static void put_config(struct rctl_fixture *fx, const char *drop)
{
	char *frag, *text;
	size_t len;

	assert_int_equal(read_whole_file("kernel-config/required.config", 1 << 20, &frag, &len), 0);
	text = calloc(1, len + 512);
	assert_non_null(text);
	snprintf(text, len + 512,
		 "# Linux/arm64 6.1.0 Kernel Configuration\n%.*s\nCONFIG_ARM64=y\n"
		 "CONFIG_ARM64_PAGE_SHIFT=12\nCONFIG_ARM64_VA_BITS=48\n",
		 (int)len, frag);
	if (drop) {
		char *at = strstr(text, drop);

		assert_non_null(at);
		*at = '#';
	}
	assert_int_equal(scratch_put(&fx->s, "proc/config.gz", text, 0644), 0);
	free(text);
	free(frag);
}

static void kernel_config_passes_with_required(void **state)
{
	struct rctl_fixture *fx = *state;

	rctl_fixture_expect(fx, &rctl_check_kernel_config, RCTL_SKIPPED); /* none published */
	put_config(fx, NULL);
	rctl_fixture_expect(fx, &rctl_check_kernel_config, RCTL_OK);
}

static void kernel_config_fails_without_binfmt_misc(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	put_config(fx, "CONFIG_BINFMT_MISC=y");
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_kernel_config, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "CONFIG_BINFMT_MISC"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, rctl_fixture_setup, rctl_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(page_size_passes_at_4k),
		T(page_size_fails_at_16k),
		T(va_bits_passes_at_48),
		T(va_bits_fails_at_39),
		T(auxv_passes_without_new_types),
		T(auxv_warns_on_type_28),
		T(auxv_warns_on_type_29),
		T(vdso_passes_with_dt_hash),
		T(vdso_warns_with_gnu_hash_alone),
		T(tso_passes_when_present),
		T(tso_warns_when_absent),
		T(kernel_config_passes_with_required),
		T(kernel_config_fails_without_binfmt_misc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
