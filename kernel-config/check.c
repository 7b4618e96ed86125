/* Each rule judged against a configuration. The page size and the VA bits
 * are choices (CONFIG_ARM64_<N>K_PAGES, CONFIG_ARM64_VA_BITS_<N>), whose
 * wanted option the fragments name: they are judged by the number Kconfig
 * derives from the choice, so that 52 VA bits meet "at least 48" and a 16K
 * kernel is named as one. See check.h. */
#include "check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/number.h"

#define PAGES_PREFIX   "CONFIG_ARM64_"
#define PAGES_SUFFIX   "K_PAGES"
#define VA_BITS_PREFIX KCONFIG_VA_BITS "_"

enum choice { CHOICE_NONE, CHOICE_PAGE_SHIFT, CHOICE_VA_BITS };

static const char *const state_names[] = {
	[KCONFIG_BUILTIN] = "built-in",	   [KCONFIG_MODULE] = "module",
	[KCONFIG_SATISFIED] = "satisfied", [KCONFIG_SET] = "set",
	[KCONFIG_NOT_SET] = "not set",	   [KCONFIG_MISSING] = "missing",
	[KCONFIG_WRONG] = "wrong",
};

const char *kconfig_state_name(enum kconfig_state state)
{
	return state_names[state];
}

bool kconfig_verdict_ok(const struct kconfig_verdict *v)
{
	return v->state < KCONFIG_MISSING;
}

const char *kconfig_level_name(enum kconfig_level level)
{
	return level == KCONFIG_REQUIRED ? "required" : "recommended";
}

/* The number between prefix and suffix in s, from 1 to 1023, or 0. */
static unsigned int number_in(const char *s, const char *prefix, const char *suffix)
{
	size_t pl = strlen(prefix);
	unsigned long long v;
	const char *end;

	if (strncmp(s, prefix, pl) != 0 || parse_unsigned_prefix(s + pl, 1023, &v, &end) < 0 ||
	    strcmp(end, suffix) != 0)
		return 0;
	return (unsigned int)v;
}

/* CONFIG_ARM64_<N>K_PAGES wants the page shift of N KiB, and
 * CONFIG_ARM64_VA_BITS_<N> at least N bits. */
static enum choice choice_of(const char *option, unsigned int *wanted)
{
	unsigned int kib = number_in(option, PAGES_PREFIX, PAGES_SUFFIX);

	if (kib && !(kib & (kib - 1))) {
		unsigned int shift = 10;

		while (kib >>= 1)
			shift++;
		*wanted = shift;
		return CHOICE_PAGE_SHIFT;
	}
	*wanted = number_in(option, VA_BITS_PREFIX, "");
	return *wanted ? CHOICE_VA_BITS : CHOICE_NONE;
}

static bool yes(const char *value)
{
	return !strcmp(value, "y") || !strcmp(value, "m");
}

static enum kconfig_state plain_state(const char *want, const char *value)
{
	if (!want)
		return value ? KCONFIG_WRONG : KCONFIG_NOT_SET;
	if (!value)
		return KCONFIG_MISSING;
	if (yes(want) && yes(value))
		return value[0] == 'y' ? KCONFIG_BUILTIN : KCONFIG_MODULE;
	return strcmp(value, want) == 0 ? KCONFIG_SET : KCONFIG_WRONG;
}

/* met: the number is what the choice's option wants. The option itself
 * says built-in only when it is set. */
static void judge_choice(struct kconfig_verdict *v, bool met)
{
	bool set = v->value && !strcmp(v->value, "y");

	if (met)
		v->state = set ? KCONFIG_BUILTIN : KCONFIG_SATISFIED;
	else
		v->state = set ? KCONFIG_WRONG : KCONFIG_MISSING;
}

void kconfig_judge(const struct kconfig *c, const struct kconfig_facts *f,
		   const struct kconfig_rule *rule, struct kconfig_verdict *v)
{
	unsigned int wanted = 0;
	enum choice ch =
	    rule->want && yes(rule->want) ? choice_of(rule->option, &wanted) : CHOICE_NONE;

	memset(v, 0, sizeof(*v));
	v->rule = rule;
	v->value = kconfig_value(c, rule->option);
	if (ch == CHOICE_PAGE_SHIFT && f->page_shift) {
		snprintf(v->detail, sizeof(v->detail), "%uK pages, %s=%u",
			 1u << (f->page_shift - 10), KCONFIG_PAGE_SHIFT, f->page_shift);
		judge_choice(v, f->page_shift == wanted);
	} else if (ch == CHOICE_VA_BITS && f->va_bits) {
		snprintf(v->detail, sizeof(v->detail), "%u-bit virtual addresses, %s=%u",
			 f->va_bits, KCONFIG_VA_BITS, f->va_bits);
		judge_choice(v, f->va_bits >= wanted);
	} else {
		v->state = plain_state(rule->want, v->value);
	}
}

/* Why the rules do not apply to c: no options, or not arm64. */
static int not_judged(const struct kconfig *c, const struct kconfig_facts *f,
		      struct error_record *e)
{
	if (!c->n)
		return error_set(e, -EINVAL,
				 "%s holds no kernel option: not a kernel configuration", c->name);
	if (f->arch[0])
		return error_set(
		    e, -ENOEXEC,
		    "%s is not an arm64 kernel configuration: it has no CONFIG_ARM64=y "
		    "(its header says Linux/%s %s)",
		    c->name, f->arch, f->version);
	return error_set(e, -ENOEXEC,
			 "%s is not an arm64 kernel configuration: it has no CONFIG_ARM64=y",
			 c->name);
}

int kconfig_check(const struct kconfig *c, const struct kconfig_rule *rules, size_t n,
		  struct kconfig_report *rep, struct error_record *e)
{
	memset(rep, 0, sizeof(*rep));
	kconfig_facts_read(c, &rep->facts);
	if (!c->n || !rep->facts.arm64)
		return not_judged(c, &rep->facts, e);
	rep->verdicts = calloc(n ? n : 1, sizeof(*rep->verdicts));
	if (!rep->verdicts)
		return error_system(e, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		kconfig_judge(c, &rep->facts, &rules[i], &rep->verdicts[i]);
		if (!kconfig_verdict_ok(&rep->verdicts[i]))
			rep->failed[rules[i].level]++;
	}
	rep->n = n;
	rep->nwarnings = kconfig_version_warnings(&rep->facts, rep->warnings, KCONFIG_WARNINGS_MAX);
	return 0;
}

void kconfig_report_free(struct kconfig_report *rep)
{
	free(rep->verdicts);
	memset(rep, 0, sizeof(*rep));
}
