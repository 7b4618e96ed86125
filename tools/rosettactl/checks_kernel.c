/* The kernel: 4K pages, 48 bits of user address, aux vector types and a
 * vDSO an older Rosetta takes, the TSO prctl, the required options. */
#include <string.h>

#include "auxv.h"
#include "check.h"
#include "kernel.h"
#include "va.h"
#include "vdso.h"

#define ROSETTA_PAGE_SIZE 4096ul

static const char remedy_host[] =
    "update macOS on the host (its Rosetta), or boot a kernel older than the one named";

/* The probes were not made: say why. */
static enum rctl_verdict not_probed(const struct rctl_target *t, struct rctl_finding *f)
{
	return rctl_found(f, RCTL_SKIPPED, NULL, "the running kernel is %s, not arm64",
			  t->probes.machine[0] ? t->probes.machine : "unknown");
}

static enum rctl_verdict check_page_size(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_kernel k;

	rctl_kernel_read(t, false, &k);
	if (k.auxv_err < 0 || !k.page_size)
		return rctl_found(f, RCTL_SKIPPED, NULL,
				  "cannot read the page size from %s/self/auxv: %s", t->proc,
				  k.auxv_err < 0 ? strerror(-k.auxv_err) : "no AT_PAGESZ");
	if (k.page_size != ROSETTA_PAGE_SIZE)
		return rctl_found(
		    f, RCTL_FAILED, "boot a kernel built with 4K pages (CONFIG_ARM64_4K_PAGES)",
		    "the kernel uses %lu KiB pages; Rosetta needs 4 KiB", k.page_size / 1024);
	return rctl_found(f, RCTL_OK, NULL, "4 KiB pages");
}

const struct rctl_check rctl_check_page_size = {
	.name = "page-size",
	.what = "the kernel uses 4K pages (not 16K or 64K)",
	.run = check_page_size,
};

static enum rctl_verdict check_va_bits(const struct rctl_target *t, struct rctl_finding *f)
{
	unsigned int bits = t->probes.va_bits;

	if (!t->probes.done)
		return not_probed(t, f);
	if (!bits)
		return rctl_found(f, RCTL_SKIPPED, NULL, "no address width could be probed");
	if (bits < RCTL_VA_BITS_NEEDED)
		return rctl_found(
		    f, RCTL_FAILED,
		    "boot a kernel with 48-bit user addresses (CONFIG_ARM64_VA_BITS_48)",
		    "user addresses have %u bits; Rosetta is linked at 0x800000000000 and "
		    "needs %u",
		    bits, RCTL_VA_BITS_NEEDED);
	return rctl_found(f, RCTL_OK, NULL, "user addresses have %u bits or more", bits);
}

const struct rctl_check rctl_check_va_bits = {
	.name = "va-bits",
	.what = "user addresses have 48 bits (a fixed mapping at 0x800000000000)",
	.run = check_va_bits,
};

static enum rctl_verdict check_auxv(const struct rctl_target *t, struct rctl_finding *f)
{
	unsigned long types[2];
	struct rctl_kernel k;
	size_t n;

	rctl_kernel_read(t, false, &k);
	if (k.auxv_err < 0)
		return rctl_found(f, RCTL_SKIPPED, NULL, "cannot read %s/self/auxv: %s", t->proc,
				  strerror(-k.auxv_err));
	n = rctl_auxv_unknown_to_rosetta(&k.auxv, types, 2);
	if (n == 0)
		return rctl_found(f, RCTL_OK, NULL, "no aux vector type 28 or 29");
	if (types[n - 1] == RCTL_AT_HWCAP3)
		return rctl_found(f, RCTL_WARNING, remedy_host, "type 29 (AT_HWCAP3) is passed: %s",
				  kconfig_warning_of(KCONFIG_WARNING_AUXV_29)->text);
	return rctl_found(f, RCTL_WARNING, remedy_host, "type 28 (AT_RSEQ_ALIGN) is passed: %s",
			  kconfig_warning_of(KCONFIG_WARNING_AUXV_28)->text);
}

const struct rctl_check rctl_check_auxv = {
	.name = "auxv",
	.what = "the aux vector has no type an older Rosetta aborts on (28, 29)",
	.run = check_auxv,
};

static enum rctl_verdict check_vdso(const struct rctl_target *t, struct rctl_finding *f)
{
	const struct rctl_probes *p = &t->probes;
	int r;

	if (!p->done)
		return not_probed(t, f);
	if (!p->vdso)
		return rctl_found(f, RCTL_SKIPPED, NULL, "no vDSO found: %s",
				  strerror(-p->vdso_err));
	r = rctl_vdso_has_hash(p->vdso, p->vdso_len);
	if (r < 0)
		return rctl_found(f, RCTL_SKIPPED, NULL,
				  "the vDSO's dynamic segment cannot be read");
	if (r == 0)
		return rctl_found(f, RCTL_WARNING, remedy_host, "the vDSO has no DT_HASH (%s): %s",
				  kconfig_warning_of(KCONFIG_WARNING_VDSO_HASH)->hosts,
				  kconfig_warning_of(KCONFIG_WARNING_VDSO_HASH)->text);
	return rctl_found(f, RCTL_OK, NULL, "the vDSO has DT_HASH");
}

const struct rctl_check rctl_check_vdso = {
	.name = "vdso",
	.what = "the vDSO has the DT_HASH table older Rosetta releases look for",
	.run = check_vdso,
};

static enum rctl_verdict check_tso(const struct rctl_target *t, struct rctl_finding *f)
{
	if (!t->probes.done)
		return not_probed(t, f);
	if (t->probes.tso == RCTL_TSO_ABSENT)
		return rctl_found(
		    f, RCTL_WARNING,
		    "for speed, a kernel with the TSO memory-model patches "
		    "(PR_SET_MEM_MODEL, as Asahi's)",
		    "the kernel has no TSO memory-model prctl: Rosetta keeps x86's memory "
		    "order in software, slower but correct");
	if (t->probes.tso == RCTL_TSO_UNKNOWN)
		return rctl_found(f, RCTL_SKIPPED, NULL, "the TSO prctl gave no answer");
	return rctl_found(f, RCTL_OK, NULL, "the kernel has the TSO memory-model prctl");
}

const struct rctl_check rctl_check_tso = {
	.name = "tso",
	.what = "the kernel can switch the CPU to x86's memory order (TSO prctl)",
	.run = check_tso,
};

static enum rctl_verdict check_kernel_config(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_kernel k;
	enum rctl_verdict v;
	char unmet[256];
	size_t n;

	rctl_kernel_read(t, true, &k);
	if (k.config_err < 0)
		return rctl_found(f, RCTL_SKIPPED, NULL, "%s",
				  k.config_e.count ? k.config_e.msg[0].text
						   : strerror(-k.config_err));
	n = rctl_kernel_unmet(&k, unmet, sizeof(unmet));
	if (n)
		v = rctl_found(f, RCTL_FAILED,
			       "boot a kernel with kernel-config/required.config (rosetta-kconfig "
			       "says why each is needed)",
			       "%zu required option%s not met: %s", n, n == 1 ? "" : "s", unmet);
	else
		v = rctl_found(f, RCTL_OK, NULL, "every required option of %s is met",
			       k.config.name);
	rctl_kernel_free(&k);
	return v;
}

const struct rctl_check rctl_check_kernel_config = {
	.name = "kernel-config",
	.what = "the running kernel's configuration has every required option",
	.run = check_kernel_config,
};
