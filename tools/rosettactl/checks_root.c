/* The current root, where x86-64 programs run: /proc mounted (Rosetta
 * opens /proc/self/exe) and the x86-64 dynamic loader there (the root
 * stage's check of a tree, init/root_check.c). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "init/root_check.h"
#include "lib/in_root.h"

#define X86_64_LOADER "/lib64/ld-linux-x86-64.so.2"

static enum rctl_verdict check_proc(const struct rctl_target *t, struct rctl_finding *f)
{
	char path[PATH_MAX], exe[PATH_MAX];

	if (!rctl_proc_path(t, "self/exe", path, sizeof(path)))
		return rctl_found(f, RCTL_ERROR, NULL, "path too long: %s", t->proc);
	if (readlink(path, exe, sizeof(exe)) < 0)
		return rctl_found(f, RCTL_FAILED, "mount it: mount -t proc proc /proc",
				  "%s: %s: Rosetta says \"Unable to open /proc/self/exe\"", path,
				  strerror(errno));
	return rctl_found(f, RCTL_OK, NULL, "%s is mounted", t->proc);
}

const struct rctl_check rctl_check_proc = {
	.name = "proc",
	.what = "/proc is mounted in the current root (Rosetta opens /proc/self/exe)",
	.run = check_proc,
};

static enum rctl_verdict check_loader(const struct rctl_target *t, struct rctl_finding *f)
{
	struct failure why;
	int tree, r = in_root_dir_open(t->root, &tree);

	if (r < 0)
		return rctl_found(f, RCTL_ERROR, NULL, "%s: %s", t->root, strerror(-r));
	r = root_check_program(tree, t->root, "the x86-64 dynamic loader", X86_64_LOADER, &why);
	if (tree >= 0)
		close(tree);
	if (r < 0)
		return rctl_found(
		    f, RCTL_FAILED,
		    "install the x86-64 C library in this root (Debian: libc6:amd64); "
		    "static x86-64 programs run without it",
		    "%s%s%s", why.what, why.err ? ": " : "", why.err ? strerror(why.err) : "");
	return rctl_found(f, RCTL_OK, NULL, "%s is in %s", X86_64_LOADER, t->root);
}

const struct rctl_check rctl_check_loader = {
	.name = "loader",
	.what = "the x86-64 dynamic loader " X86_64_LOADER " is in the current root",
	.run = check_loader,
};
