/* Checks before a launch; see preflight.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "accel.h"
#include "host.h"
#include "preflight.h"
#include "vfkit_preflight.h"

#define PACKAGE_HINT "Debian package qemu-system-arm provides it; 'make deps' installs it"
#define VFKIT_HINT   "on macOS, 'brew install vfkit' installs it"

static int check_file(const char *what, const char *path, struct error_record *err)
{
	int r = launch_check_readable(path);

	if (r < 0)
		return error_set(err, r, "%s %s is not a readable file: %s", what, path,
				 strerror(-r));
	return 0;
}

static int check_dir(const char *what, const char *path, struct error_record *err)
{
	int r = launch_check_dir(path);

	if (r < 0)
		return error_set(err, r, "%s %s is not a directory: %s", what, path, strerror(-r));
	return 0;
}

static int check_inputs(const struct launch_config *cfg, struct error_record *err)
{
	size_t i;
	int r;

	r = check_file("--kernel", cfg->kernel, err);
	if (r == 0 && cfg->initrd)
		r = check_file("--initrd", cfg->initrd, err);
	if (r == 0 && cfg->rosetta_dir)
		r = check_dir("--rosetta-dir", cfg->rosetta_dir, err);
	if (r == 0 && cfg->root_dir)
		r = check_dir("--root-dir", cfg->root_dir, err);
	for (i = 0; r == 0 && i < cfg->nshares; i++)
		r = check_dir("--share", cfg->share[i].dir, err);
	return r;
}

/* The absolute form of a path --dry-run shows when it cannot resolve it. */
static int join_cwd(char *path, size_t size)
{
	char cwd[PATH_MAX], joined[PATH_MAX];
	int n;

	if (path[0] == '/')
		return 0;
	if (!getcwd(cwd, sizeof(cwd)))
		return -errno;
	n = snprintf(joined, sizeof(joined), "%s/%s", cwd, path);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	memcpy(path, joined, (size_t)n + 1);
	return 0;
}

/* virtiofsd chroots into its source directory, which must therefore be absolute. */
static int share_dirs(const struct launch_config *cfg, struct launch_plan *plan,
		      struct error_record *err)
{
	char real[PATH_MAX];
	size_t i;
	int r;

	if (launch_plan_shares(plan, cfg) < 0)
		return error_set(err, -ENAMETOOLONG, "a share directory's path is too long");
	for (i = 0; i < plan->nshares; i++) {
		char *dir = plan->share[i].dir;

		if (plan->share[i].provided)
			continue;
		if (realpath(dir, real)) {
			memcpy(dir, real, strlen(real) + 1);
			continue;
		}
		r = cfg->dry_run ? join_cwd(dir, sizeof(plan->share[i].dir)) : -errno;
		if (r < 0)
			return error_set(err, r, "cannot resolve %s: %s", dir, strerror(-r));
	}
	return 0;
}

/* --dry-run prints a program it cannot find, or an image, under the name it was given. */
static int keep_name(char *out, size_t size, const char *name)
{
	if ((size_t)snprintf(out, size, "%s", name) >= size)
		return -ENAMETOOLONG;
	return 0;
}

/* qemu writes the image unless --root-ro or --ephemeral says it must not. */
static int check_image(const struct launch_config *cfg, bool *qcow2, struct error_record *err)
{
	const char *path = cfg->root_image;
	int r = launch_probe_image(path, qcow2);

	if (r == -EINVAL)
		return error_set(err, -EINVAL,
				 "--root-image %s is neither a regular file nor a block device",
				 path);
	if (r < 0)
		return error_set(err, r, "--root-image %s is not a readable disk image: %s", path,
				 strerror(-r));
	if (!cfg->root_ro && !cfg->ephemeral && (r = launch_check_writable(path)) < 0)
		return error_set(err, r,
				 "--root-image %s is not writable: %s (--root-ro or --ephemeral "
				 "leave it unwritten)",
				 path, strerror(-r));
	return 0;
}

/* The image's absolute path (qemu would take a relative one with a colon for a protocol)
 * and its format. --dry-run takes an image it cannot read for a raw one. */
static int root_image(const struct launch_config *cfg, struct launch_plan *plan,
		      struct error_record *err)
{
	char *out = plan->root_image;
	bool qcow2 = false;
	int r = 0;

	if (!cfg->root_image)
		return 0;
	if (!cfg->dry_run)
		r = check_image(cfg, &qcow2, err);
	else
		launch_probe_image(cfg->root_image, &qcow2);
	if (r < 0)
		return r;
	plan->image_format = qcow2 ? LAUNCH_IMAGE_QCOW2 : LAUNCH_IMAGE_RAW;
	if (realpath(cfg->root_image, out))
		return 0;
	r = cfg->dry_run ? keep_name(out, sizeof(plan->root_image), cfg->root_image) : -errno;
	if (r == 0)
		r = join_cwd(out, sizeof(plan->root_image));
	if (r < 0)
		return error_set(err, r, "cannot resolve %s: %s", cfg->root_image, strerror(-r));
	return 0;
}

/* A raw image's filesystem type, "" for none or a qcow2 one: only a hint for the guest, so
 * an image that cannot be read is check_image's to report. */
static void root_fstype(const struct launch_config *cfg, char *type, size_t size)
{
	bool qcow2 = true;

	type[0] = '\0';
	if (cfg->root_image && launch_probe_image(cfg->root_image, &qcow2) == 0 && !qcow2)
		(void)launch_image_fstype(cfg->root_image, type, size);
}

/* qemu-system-aarch64 or vfkit: the --qemu or --vfkit override, else from the PATH. */
static int find_vm(const struct launch_config *cfg, const char *path_env, struct launch_plan *plan,
		   struct error_record *err)
{
	bool vfkit = cfg->backend == LAUNCH_BACKEND_VFKIT;
	const char *given = vfkit ? cfg->vfkit : cfg->qemu;
	const char *name = given ? given : vfkit ? LAUNCH_VFKIT_NAME : LAUNCH_QEMU_NAME;
	const char *hint = vfkit ? VFKIT_HINT : PACKAGE_HINT;
	int r = launch_find_program(name, path_env, plan->vm, sizeof(plan->vm));

	if (r < 0 && cfg->dry_run)
		r = keep_name(plan->vm, sizeof(plan->vm), name);
	if (r < 0 && !strchr(name, '/'))
		return error_set(err, r, "cannot find %s in PATH (%s)", name, hint);
	if (r < 0)
		return error_set(err, r, "cannot run %s: %s (%s)", name, strerror(-r), hint);
	return 0;
}

static int find_virtiofsd(const struct launch_config *cfg, const char *path_env,
			  struct launch_plan *plan, struct error_record *err)
{
	const char *name = cfg->virtiofsd ? cfg->virtiofsd : LAUNCH_VIRTIOFSD_DEFAULT;
	int r = launch_find_virtiofsd(cfg->virtiofsd, path_env, plan->virtiofsd,
				      sizeof(plan->virtiofsd));

	if (r < 0 && cfg->dry_run)
		r = keep_name(plan->virtiofsd, sizeof(plan->virtiofsd), name);
	if (r < 0 && !cfg->virtiofsd)
		return error_set(err, r, "cannot find virtiofsd at %s or in PATH (%s)",
				 LAUNCH_VIRTIOFSD_DEFAULT, PACKAGE_HINT);
	if (r < 0)
		return error_set(err, r, "cannot run %s: %s (%s)", name, strerror(-r),
				 PACKAGE_HINT);
	return 0;
}

static int pick_accel(const struct launch_config *cfg, struct launch_plan *plan,
		      struct error_record *err)
{
	struct utsname u;
	int probe;

	if (uname(&u) < 0)
		return error_set(err, -errno, "uname: %s", strerror(errno));
	if (cfg->dry_run && cfg->accel == LAUNCH_ACCEL_KVM) {
		plan->kvm = true;
		return 0;
	}
	probe = strcmp(u.machine, "aarch64") == 0 ? launch_probe_kvm() : -ENODEV;
	return launch_choose_accel(cfg->accel, u.machine, probe, &plan->kvm, err);
}

/* The programs and the accelerator of the backend. */
static int backend_tools(const struct launch_config *cfg, const char *path_env,
			 struct launch_plan *plan, struct error_record *err)
{
	int r = find_vm(cfg, path_env, plan, err);

	if (r == 0 && cfg->backend == LAUNCH_BACKEND_VFKIT)
		return launch_vfkit_check_plan(cfg, plan, err);
	if (r == 0)
		r = find_virtiofsd(cfg, path_env, plan, err);
	if (r == 0)
		r = pick_accel(cfg, plan, err);
	return r;
}

static int check_host(const struct launch_config *cfg, struct error_record *err)
{
	struct utsname u;

	if (cfg->backend != LAUNCH_BACKEND_VFKIT)
		return 0;
	if (uname(&u) < 0)
		return error_set(err, -errno, "uname: %s", strerror(errno));
	return launch_vfkit_check_host(cfg, u.sysname, err);
}

int launch_preflight(const struct launch_config *cfg, const char *path_env,
		     struct launch_plan *plan, struct error_record *err)
{
	int r;

	memset(plan, 0, sizeof(*plan));
	root_fstype(cfg, plan->root_fstype, sizeof(plan->root_fstype));
	r = launch_build_cmdline(cfg, plan->root_fstype, plan->cmdline, sizeof(plan->cmdline), err);
	if (r == 0)
		r = check_host(cfg, err);
	if (r == 0 && !cfg->dry_run)
		r = check_inputs(cfg, err);
	if (r == 0)
		r = share_dirs(cfg, plan, err);
	if (r == 0)
		r = root_image(cfg, plan, err);
	if (r == 0)
		r = backend_tools(cfg, path_env, plan, err);
	return r;
}
