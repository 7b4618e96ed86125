/* The entry's flags, one check each: without C setuid programs fail,
 * without P argv[0] is lost, without F containers and chroots fail. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "entry.h"

struct flag_rule {
	char letter;
	enum rctl_verdict missing; /* the verdict without it */
	const char *why;	   /* completes "without FLAG, " */
	const char *remedy;
};

static const struct flag_rule flag_C = {
	'C',
	RCTL_FAILED,
	"setuid and setgid x86-64 programs run without their privileges: sudo says "
	"\"effective uid is not 0\"",
	"register with C: rosetta.binfmt.flags=CFP (the default), then rosettactl activate",
};

static const struct flag_rule flag_P = {
	'P',
	RCTL_WARNING,
	"programs get their path as argv[0]: login shells (\"-bash\") and clang's sysroot "
	"lookup break",
	"add P to rosetta.binfmt.flags, unless the host is macOS 13, whose Rosetta needs it off",
};

static const struct flag_rule flag_F = {
	'F',
	RCTL_FAILED,
	"the kernel opens the translator by path at every exec, inside the program's root: "
	"programs in containers and chroots fail to start",
	"add F to rosetta.binfmt.flags (CFP is the default), then rosettactl activate",
};

static enum rctl_verdict check_flag(const struct rctl_target *t, const struct flag_rule *rule,
				    struct rctl_finding *f)
{
	struct rctl_entry en;

	rctl_entry_read(t, &en);
	if (en.err < 0 && en.err != -EINVAL)
		return rctl_found(f, RCTL_SKIPPED, NULL, "no entry %s to check",
				  t->cfg.binfmt_name);
	if (!rctl_entry_has_flag(&en, rule->letter))
		return rctl_found(f, rule->missing, rule->remedy, "flags '%s' lack %c: %s",
				  en.st.flags, rule->letter, rule->why);
	return rctl_found(f, RCTL_OK, NULL, "flags '%s' have %c", en.st.flags, rule->letter);
}

static enum rctl_verdict check_C(const struct rctl_target *t, struct rctl_finding *f)
{
	return check_flag(t, &flag_C, f);
}

static enum rctl_verdict check_P(const struct rctl_target *t, struct rctl_finding *f)
{
	return check_flag(t, &flag_P, f);
}

static enum rctl_verdict check_F(const struct rctl_target *t, struct rctl_finding *f)
{
	return check_flag(t, &flag_F, f);
}

const struct rctl_check rctl_check_flag_C = {
	.name = "flag-C",
	.what = "the entry has C: setuid x86-64 programs keep their credentials",
	.run = check_C,
};

const struct rctl_check rctl_check_flag_P = {
	.name = "flag-P",
	.what = "the entry has P: programs keep their argv[0]",
	.run = check_P,
};

const struct rctl_check rctl_check_flag_F = {
	.name = "flag-F",
	.what = "the entry has F: the translator is opened once, for containers and chroots too",
	.run = check_F,
};
