/* What kernels from a version on do that some Rosetta releases cannot take.
 * None stops the check from passing: the host decides, and the hosts named
 * are the ones reported. See check.h. */
#include "check.h"

#include "lib/array_size.h"

static const struct kconfig_warning version_warnings[KCONFIG_WARNING_COUNT] = {
	[KCONFIG_WARNING_AUXV_28] = {
		6, 3, "6.3", "macOS 13.5",
		"kernels from 6.3 pass aux vector entry 28 (AT_RSEQ_ALIGN), which the Rosetta of "
		"macOS 13.5 aborted on",
	},
	[KCONFIG_WARNING_VDSO_HASH] = {
		6, 11, "6.11", "older Rosetta releases",
		"kernels from 6.11 build the arm64 vDSO without DT_HASH, which older Rosetta "
		"releases look for: \"Failed to find vdso DT_HASH\"",
	},
	[KCONFIG_WARNING_AUXV_29] = {
		6, 13, "6.13", "macOS 15 (macOS 26.5 reported to work)",
		"kernels from 6.13 pass AT_HWCAP3 (aux vector entry 29), which the Rosetta of macOS "
		"15 hosts refuses: \"unhandled auxillary vector type 29\"",
	},
};

static const struct kconfig_warning unknown_version = {
	.text = "the configuration names no kernel version the checker can read (\"# "
		"Linux/ARCH VERSION Kernel Configuration\"): the kernel version warnings were not "
		"checked",
};

static bool from(const struct kconfig_facts *f, const struct kconfig_warning *w)
{
	return f->major > w->major || (f->major == w->major && f->minor >= w->minor);
}

size_t kconfig_version_warnings(const struct kconfig_facts *f, struct kconfig_warning *out,
				size_t max)
{
	size_t n = 0;

	if (!f->major) {
		if (max)
			out[n++] = unknown_version;
		return n;
	}
	for (size_t i = 0; i < ARRAY_SIZE(version_warnings) && n < max; i++)
		if (from(f, &version_warnings[i]))
			out[n++] = version_warnings[i];
	return n;
}

const struct kconfig_warning *kconfig_warning_of(enum kconfig_warning_id id)
{
	return &version_warnings[id];
}
