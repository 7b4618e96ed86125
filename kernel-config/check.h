/* A configuration judged by the rules: a verdict per rule, the facts that
 * matter to Rosetta (architecture, version, page size, user address bits),
 * and the warnings its kernel version calls for. This is what rosetta-kconfig
 * prints and what the guest's tools call; nothing here prints. */
#ifndef KCONFIG_CHECK_H
#define KCONFIG_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "lib/error.h"
#include "rules.h"

enum kconfig_state {
	KCONFIG_BUILTIN,   /* =y */
	KCONFIG_MODULE,	   /* =m: it must then be loaded, from the initramfs */
	KCONFIG_SATISFIED, /* a choice met by another of its options: 52 VA bits for 48 */
	KCONFIG_SET,	   /* the value wanted, when that is not y */
	KCONFIG_NOT_SET,   /* not set, as wanted */
	KCONFIG_MISSING,   /* wanted, and not set */
	KCONFIG_WRONG,	   /* set to what the rule does not want */
};

struct kconfig_verdict {
	const struct kconfig_rule *rule;
	enum kconfig_state state;
	const char *value; /* the option's value in the configuration, NULL: not set */
	/* For the page size and VA bits choices, what was judged:
	 * "16K pages, CONFIG_ARM64_PAGE_SHIFT=14"; "" for the others. */
	char detail[96];
};

/* Met: every state above KCONFIG_MISSING. */
bool kconfig_verdict_ok(const struct kconfig_verdict *v);

/* "built-in", "module", "satisfied", "set", "not set", "missing", "wrong". */
const char *kconfig_state_name(enum kconfig_state state);

/* The options Kconfig derives the page size and the VA bits into. */
#define KCONFIG_PAGE_SHIFT "CONFIG_ARM64_PAGE_SHIFT"
#define KCONFIG_VA_BITS	   "CONFIG_ARM64_VA_BITS"

struct kconfig_facts {
	const char *file;	   /* the configuration's name */
	bool arm64;		   /* CONFIG_ARM64=y */
	const char *arch;	   /* the header's ("arm64"), or uname's; "" when unknown */
	const char *version;	   /* "6.1.192"; "" when unknown */
	unsigned int major, minor; /* of version; 0.0 when unknown */
	unsigned int page_shift;   /* CONFIG_ARM64_PAGE_SHIFT: 12 is 4K; 0 unknown */
	unsigned int va_bits;	   /* CONFIG_ARM64_VA_BITS; 0 unknown */
	bool modules;		   /* CONFIG_MODULES=y */
};

/* A known problem of kernels from one version on with some Rosetta
 * releases. */
struct kconfig_warning {
	unsigned int major, minor; /* kernels from major.minor on */
	const char *since;	   /* "6.3"; NULL: the version is unknown, nothing was checked */
	const char *hosts;	   /* the hosts whose Rosetta it concerns */
	const char *text;
};

/* Each warning, for a tool that sees the problem itself (the aux vector,
 * the vDSO of the running kernel) and names the hosts it concerns. */
enum kconfig_warning_id {
	KCONFIG_WARNING_AUXV_28,   /* AT_RSEQ_ALIGN, from 6.3 */
	KCONFIG_WARNING_VDSO_HASH, /* no DT_HASH in the vDSO, from 6.11 */
	KCONFIG_WARNING_AUXV_29,   /* AT_HWCAP3, from 6.13 */
	KCONFIG_WARNING_COUNT,
};

const struct kconfig_warning *kconfig_warning_of(enum kconfig_warning_id id);

#define KCONFIG_WARNINGS_MAX 8

/* Everything judged; it points into the configuration and the rules, which
 * must outlive it. */
struct kconfig_report {
	struct kconfig_facts facts;
	struct kconfig_verdict *verdicts; /* one per rule, in the rules' order */
	size_t n;
	struct kconfig_warning warnings[KCONFIG_WARNINGS_MAX];
	size_t nwarnings;
	size_t failed[KCONFIG_LEVELS]; /* the verdicts not met, per level */
};

/* Judge c by rules[0..n). Returns 0 when judged (the configuration passes
 * when rep->failed[KCONFIG_REQUIRED] is 0); -ENOEXEC when it is not an
 * arm64 configuration and -EINVAL when it holds no option at all (the facts
 * filled, no verdicts, the message in e); -ENOMEM. rep needs
 * kconfig_report_free after 0. */
int kconfig_check(const struct kconfig *c, const struct kconfig_rule *rules, size_t n,
		  struct kconfig_report *rep, struct error_record *e);

void kconfig_report_free(struct kconfig_report *rep);

/* The facts of c alone. */
void kconfig_facts_read(const struct kconfig *c, struct kconfig_facts *f);

/* The verdict of one rule, given c's facts. */
void kconfig_judge(const struct kconfig *c, const struct kconfig_facts *f,
		   const struct kconfig_rule *rule, struct kconfig_verdict *v);

/* The warnings f's version calls for, at most max, into out; returns how
 * many. An unknown version gives the one warning saying so. */
size_t kconfig_version_warnings(const struct kconfig_facts *f, struct kconfig_warning *out,
				size_t max);

#endif
