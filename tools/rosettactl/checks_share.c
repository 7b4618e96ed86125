/* The share and the translator on it: attached and mounted under the
 * configured tag, on a read-only virtio-fs, a file stage verify accepts,
 * and a translator that runs at all here. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "init/verify.h"
#include "share.h"
#include "translator.h"

static const char remedy_attach[] =
    "attach the Rosetta share: Virtualization.framework VZLinuxRosettaDirectoryShare, or "
    "qemu -device vhost-user-fs-pci,tag=rosetta";
static const char remedy_tag[] = "set rosetta.tag= to the tag the host gives the Rosetta share";
static const char remedy_mount[] =
    "mount it read-only at rosetta.mount (rosettactl activate does, as the init would)";
static const char remedy_proc[] = "mount /proc (mount -t proc proc /proc)";

/* Not mounted: is it attached, under which tag? */
static enum rctl_verdict not_mounted(const struct rctl_target *t, const struct rctl_share *s,
				     struct rctl_finding *f)
{
	if (rctl_share_has_tag(s, t->cfg.tag))
		return rctl_found(f, RCTL_FAILED, remedy_mount,
				  "the share tagged '%s' is attached but not mounted on %s",
				  t->cfg.tag, t->cfg.mount);
	if (s->ntags) {
		char tags[256];

		return rctl_found(f, RCTL_FAILED, remedy_tag,
				  "virtio-fs shares are tagged %s; none '%s' (nothing on %s)",
				  rctl_share_tag_list(s, tags, sizeof(tags)), t->cfg.tag,
				  t->cfg.mount);
	}
	if (s->devices)
		return rctl_found(f, RCTL_FAILED, remedy_tag,
				  "%d virtio-fs device(s), none mounted on %s (this kernel names "
				  "no tags in sysfs: is the share's tag '%s'?)",
				  s->devices, t->cfg.mount, t->cfg.tag);
	return rctl_found(f, RCTL_FAILED, remedy_attach,
			  "no virtio-fs device: the host attached no share (tag '%s')", t->cfg.tag);
}

static enum rctl_verdict check_share(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_share s;

	rctl_share_read(t, &s);
	if (s.mount_err < 0)
		return rctl_found(f, RCTL_ERROR, remedy_proc, "cannot read the mount table: %s",
				  strerror(-s.mount_err));
	if (!s.mount.found)
		return not_mounted(t, &s, f);
	if (!s.mount.fuse)
		return rctl_found(f, RCTL_WARNING, remedy_mount,
				  "%s is a %s mount (%s), not a virtio-fs share", t->cfg.mount,
				  s.mount.fstype, s.mount.source);
	return rctl_found(f, RCTL_OK, NULL, "'%s' is mounted on %s (%s)", s.mount.source,
			  t->cfg.mount, s.mount.fstype);
}

const struct rctl_check rctl_check_share = {
	.name = "share",
	.what = "the share tagged rosetta.tag is attached and mounted on rosetta.mount",
	.run = check_share,
};

static enum rctl_verdict check_share_fs(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_translator tr;
	const struct rctl_mount *m = &tr.mount;

	rctl_translator_read(t, false, &tr);
	if (tr.open_err == -ENOENT)
		return rctl_found(f, RCTL_SKIPPED, NULL, "no translator at %s", t->translator);
	if (tr.mount_err < 0)
		return rctl_found(f, RCTL_ERROR, remedy_proc, "cannot read the mount table: %s",
				  strerror(-tr.mount_err));
	if (!m->found || !m->fuse)
		return rctl_found(
		    f, RCTL_FAILED, verify_remedy(INTERP_NOT_FUSE),
		    "%s is on %s%s%s, not on a virtio-fs share: rosetta.verify=strict "
		    "refuses it",
		    t->translator, m->found ? m->fstype : "no mount", m->found ? " at " : "",
		    m->found ? m->target : "");
	if (!m->read_only)
		return rctl_found(f, RCTL_WARNING, remedy_mount,
				  "%s is mounted read-write: whoever can write there changes what "
				  "every x86-64 program runs through",
				  m->target);
	return rctl_found(f, RCTL_OK, NULL, "%s is on a read-only %s mount (%s)", t->translator,
			  m->fstype, m->target);
}

const struct rctl_check rctl_check_share_fs = {
	.name = "share-fs",
	.what = "the translator is on a read-only virtio-fs (FUSE) mount",
	.run = check_share_fs,
};

static enum rctl_verdict check_translator(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_translator tr;

	rctl_translator_read(t, false, &tr);
	if (tr.open_err == -ENOENT || tr.open_err == -ENOTDIR)
		return rctl_found(f, RCTL_FAILED, remedy_attach, "no translator at %s",
				  t->translator);
	if (tr.open_err == -ELOOP)
		return rctl_found(f, RCTL_FAILED, verify_remedy(INTERP_BAD_ELF),
				  "%s is a symbolic link", t->translator);
	if (tr.open_err < 0)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot open %s: %s", t->translator,
				  strerror(-tr.open_err));
	if (tr.check_err < 0 && tr.report.rule == INTERP_OK)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot examine %s: %s", t->translator,
				  strerror(-tr.check_err));
	if (tr.check_err < 0) {
		char why[64];

		return rctl_found(f, RCTL_FAILED, verify_remedy(tr.report.rule), "%s %s",
				  t->translator, interp_explain(&tr.report, why, sizeof(why)));
	}
	return rctl_found(f, RCTL_OK, NULL, "%s passes rosetta.verify=%s (%lld bytes)",
			  t->translator, config_verify_names[t->cfg.verify],
			  (long long)tr.report.st.st_size);
}

const struct rctl_check rctl_check_translator = {
	.name = "translator",
	.what = "the translator is a file stage verify accepts (rosetta.verify)",
	.run = check_translator,
};

static const char remedy_refused[] =
    "run the guest under Virtualization.framework with Rosetta enabled for the VM "
    "(VZLinuxRosettaDirectoryShare); the translator runs nowhere else";

static enum rctl_verdict judge_run(const struct rctl_target *t, const struct sandbox_result *r,
				   struct rctl_finding *f)
{
	char said[160];

	sandbox_first_line(r->err_len ? r->err : r->out, said, sizeof(said));
	if (r->exec_errno)
		return rctl_found(f, RCTL_FAILED, verify_remedy(INTERP_BAD_ELF),
				  "%s cannot be executed: %s", t->translator,
				  strerror(r->exec_errno));
	if (r->timed_out)
		return rctl_found(f, RCTL_FAILED, remedy_refused,
				  "%s did not end within %u ms; it said: '%s'", t->translator,
				  t->cfg.selftest_timeout_ms, said);
	if (!r->exited)
		return rctl_found(f, RCTL_FAILED, remedy_refused,
				  "%s refused to run (signal %d, %s): '%s'", t->translator,
				  r->signal, strsignal(r->signal), said);
	return rctl_found(f, RCTL_OK, NULL, "%s runs (exit code %d): '%s'", t->translator, r->code,
			  said);
}

static enum rctl_verdict check_translator_runs(const struct rctl_target *t, struct rctl_finding *f)
{
	struct sandbox_result r;
	int err;

	if (access(t->translator, F_OK) < 0)
		return rctl_found(f, RCTL_SKIPPED, NULL, "no translator at %s", t->translator);
	err = rctl_translator_run(t, &r);
	if (err < 0)
		return rctl_found(f, RCTL_ERROR, NULL, "cannot set up the self-test sandbox: %s",
				  strerror(-err));
	return judge_run(t, &r, f);
}

const struct rctl_check rctl_check_translator_runs = {
	.name = "translator-runs",
	.what = "the translator runs when started by hand, in the self-test's sandbox",
	.run = check_translator_runs,
};
