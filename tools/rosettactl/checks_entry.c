/* The binfmt_misc entry: binfmt_misc mounted and on, the entry there and
 * enabled, a binfmt.d file that keeps it across systemd-binfmt, and an
 * interpreter the kernel can open: the share's translator. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "entry.h"
#include "owner.h"

static const char remedy_mount[] =
    "mount it: mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc "
    "(a kernel without it needs BINFMT_MISC)";
static const char remedy_register[] =
    "register it: rosettactl activate (or binfmtctl rosetta --install)";
static const char remedy_proc[] = "mount /proc (mount -t proc proc /proc)";

static enum rctl_verdict check_binfmt_misc(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_entry en;

	rctl_entry_read(t, &en);
	if (en.fs_err < 0)
		return rctl_found(f, RCTL_ERROR, remedy_proc, "cannot read the mount table: %s",
				  strerror(-en.fs_err));
	if (!rctl_entry_fs_mounted(&en))
		return rctl_found(
		    f, RCTL_FAILED, remedy_mount, "binfmt_misc is not mounted on %s%s%s",
		    en.fs.target[0] ? en.fs.target : t->binfmt_dir,
		    en.fs.found ? ": there is " : "", en.fs.found ? en.fs.fstype : "");
	if (en.enabled_all == 0)
		return rctl_found(f, RCTL_FAILED,
				  "turn it on: echo 1 > /proc/sys/fs/binfmt_misc/status",
				  "binfmt_misc is off as a whole (%s/status)", t->binfmt_dir);
	return rctl_found(f, RCTL_OK, NULL, "binfmt_misc is mounted on %s", en.fs.target);
}

const struct rctl_check rctl_check_binfmt_misc = {
	.name = "binfmt-misc",
	.what = "binfmt_misc is mounted and on",
	.run = check_binfmt_misc,
};

static enum rctl_verdict check_entry(const struct rctl_target *t, struct rctl_finding *f)
{
	const char *name = t->cfg.binfmt_name;
	struct rctl_entry en;

	rctl_entry_read(t, &en);
	if (en.err == -ENOENT)
		return rctl_found(f, RCTL_FAILED, remedy_register, "no entry %s in %s", name,
				  t->binfmt_dir);
	if (en.err < 0 && en.err != -EINVAL)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot read %s/%s: %s", t->binfmt_dir, name,
				  strerror(-en.err));
	if (!en.st.enabled)
		return rctl_found(f, RCTL_FAILED, "enable it: binfmtctl enable rosetta",
				  "the entry %s is disabled", name);
	return rctl_found(f, RCTL_OK, NULL, "%s is enabled: %s (flags %s)", name, en.st.interpreter,
			  en.st.flags[0] ? en.st.flags : "none");
}

const struct rctl_check rctl_check_entry = {
	.name = "entry",
	.what = "the entry rosetta.binfmt.name is registered and enabled",
	.run = check_entry,
};

static enum rctl_verdict check_entry_owned(const struct rctl_target *t, struct rctl_finding *f)
{
	char file[PATH_MAX];
	int r;

	if (!rctl_has_systemd_binfmt(t))
		return rctl_found(f, RCTL_OK, NULL, "no systemd-binfmt in %s to remove the entry",
				  t->root);
	r = rctl_binfmtd_owner(t, t->cfg.binfmt_name, file, sizeof(file));
	if (r < 0)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot read the binfmt.d files in %s: %s",
				  t->root, strerror(-r));
	if (r == 0 && rctl_activate_unit_enabled(t, file, sizeof(file)))
		return rctl_found(f, RCTL_OK, NULL,
				  "%s is enabled: it registers %s again after each start of "
				  "systemd-binfmt",
				  file, t->cfg.binfmt_name);
	if (r == 0)
		return rctl_found(f, RCTL_WARNING,
				  "keep it: binfmtctl rosetta --print > /etc/binfmt.d/rosetta.conf",
				  "no binfmt.d file registers %s: systemd-binfmt wipes it when it "
				  "restarts (an upgrade of systemd or of qemu-user-static)",
				  t->cfg.binfmt_name);
	return rctl_found(f, RCTL_OK, NULL, "%s registers %s for systemd-binfmt", file,
			  t->cfg.binfmt_name);
}

const struct rctl_check rctl_check_entry_owned = {
	.name = "entry-owned",
	.what = "systemd-binfmt, where there is one, has a binfmt.d file for the entry, or "
		"rosetta-activate.service registers it again",
	.run = check_entry_owned,
};

/* The interpreter is there: is it the share's translator? */
static enum rctl_verdict judge_pin(const struct rctl_target *t, const struct rctl_entry *en,
				   struct rctl_finding *f)
{
	if (en->pin == RCTL_PIN_OTHER)
		return rctl_found(f, RCTL_WARNING, remedy_register,
				  "the entry runs %s, which is not the share's %s",
				  en->st.interpreter, t->translator);
	return rctl_found(f, RCTL_OK, NULL, "%s is there%s", en->st.interpreter,
			  en->pin == RCTL_PIN_SAME ? ", the share's translator" : "");
}

static enum rctl_verdict check_interpreter(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_entry en;
	bool pinned;

	rctl_entry_read(t, &en);
	if (en.err < 0 && en.err != -EINVAL)
		return rctl_found(f, RCTL_SKIPPED, NULL, "no entry %s to check",
				  t->cfg.binfmt_name);
	pinned = rctl_entry_has_flag(&en, 'F');
	if (en.runnable_err < 0 && en.rule.broken == BINFMT_OK)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot examine %s: %s", en.st.interpreter,
				  strerror(-en.runnable_err));
	if (en.runnable_err < 0 && !pinned)
		return rctl_found(
		    f, RCTL_FAILED,
		    "mount the share before registering the entry, then register it "
		    "again: rosettactl activate",
		    "%s: %s: every x86-64 program fails to start (the share was mounted "
		    "after the entry was registered, or is gone)",
		    en.st.interpreter, binfmt_rule_text(en.rule.broken));
	if (en.runnable_err < 0)
		return rctl_found(
		    f, RCTL_WARNING, remedy_register,
		    "%s: %s; with F the kernel still runs the file it opened when the "
		    "entry was registered",
		    en.st.interpreter, binfmt_rule_text(en.rule.broken));
	return judge_pin(t, &en, f);
}

const struct rctl_check rctl_check_interpreter = {
	.name = "interpreter",
	.what = "the entry's interpreter is there and is the share's translator",
	.run = check_interpreter,
};
