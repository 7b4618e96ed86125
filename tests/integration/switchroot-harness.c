/* Runs rosetta-init's root and switch stages on the host, in a mount
 * namespace, against a scratch "initramfs": chroot into OLDROOT (prepared by
 * test_switchroot.sh, with /x86 as the tree and stand-ins mounted on /dev,
 * /proc, /sys and /run), run stage_root and stage_switch as the init would
 * with rosetta.root=initramfs:/x86, then check what happened, through the
 * new root and through a descriptor kept on the old one. Prints one PASS or
 * FAIL line per check.
 * Usage: switchroot-harness OLDROOT tmpfs|other
 *   tmpfs: the old root is a tmpfs and must be freed, sparing the tree and
 *          every other filesystem; other: it must be left as it is. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "init/stages.h"

static int failures;

static void check(const char *what, bool good)
{
	printf("%s %s\n", good ? "PASS" : "FAIL", what);
	failures += !good;
}

static bool exists(int dirfd, const char *path)
{
	return faccessat(dirfd, path, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

static bool stage(int (*run)(struct boot_ctx *, struct failure *), struct boot_ctx *ctx,
		  const char *name)
{
	struct failure f = { .stage = name };

	if (run(ctx, &f) == 0)
		return true;
	printf("# %s failed: %s: %s\n", name, f.what, f.err ? strerror(f.err) : "");
	return false;
}

/* The tree became /, with the API mounts moved into it. */
static void check_new_root(void)
{
	check("the tree is the new root", exists(AT_FDCWD, "/tree-marker"));
	check("/dev was moved into the new root", exists(AT_FDCWD, "/dev/dev-marker"));
	check("/proc was moved into the new root", exists(AT_FDCWD, "/proc/self/stat"));
	check("/sys was moved into the new root", exists(AT_FDCWD, "/sys/sys-marker"));
	check("/run was moved into the new root", exists(AT_FDCWD, "/run/run-marker"));
	check("the tree's entry is still there", exists(AT_FDCWD, "/bin/sh"));
}

static void check_freed(int old)
{
	check("old files are deleted", !exists(old, "init") && !exists(old, "etc"));
	check("old nested directories are deleted", !exists(old, "lib/modules"));
	check("a symlink is deleted, not followed",
	      !exists(old, "link-to-other") && exists(old, "other/keep-me"));
	check("the emptied API mount points are deleted", !exists(old, "dev"));
	check("the tree's directory is kept", exists(old, "x86/tree-marker"));
	check("the tree's contents are kept", exists(old, "x86/bin/sh"));
	check("another filesystem is never entered", exists(old, "other/keep-me"));
	check("nor one mounted deeper down", exists(old, "mnt/disk/keep-me"));
}

static void check_kept(int old)
{
	check("an old root that is no tmpfs keeps its files",
	      exists(old, "init") && exists(old, "etc/hostname") && exists(old, "lib/modules"));
}

int main(int argc, char **argv)
{
	static struct boot_ctx ctx = { .newroot = "/newroot",
				       .translator_fd = -1,
				       .oldroot_fd = -1 };
	char *sh[] = { "/bin/sh", NULL };
	int old;

	if (argc != 3) {
		fprintf(stderr, "Usage: switchroot-harness OLDROOT tmpfs|other\n");
		return 2;
	}
	if (chroot(argv[1]) < 0 || chdir("/") < 0) {
		printf("FAIL chroot %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	old = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	config_defaults(&ctx.cfg);
	ctx.entry_argv[0] = sh[0];
	check("stage root succeeds", stage(stage_root, &ctx, "root"));
	check("stage switch succeeds", stage(stage_switch, &ctx, "switch"));
	switch_free_old_root(&ctx);
	check_new_root();
	if (!strcmp(argv[2], "tmpfs"))
		check_freed(old);
	else
		check_kept(old);
	return failures ? 1 : 0;
}
