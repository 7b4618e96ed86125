/* libmount in an initramfs: no mount helpers to run, no mtab or utab to
 * update, and no canonicalization of sources that are tags, not paths. */
#include "mount.h"

#include <errno.h>
#include <libmount.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "lib/clock.h"
#include "lib/fs.h"

#define RETRY_MS 20

/* libmount reports the mount(2) errno separately from its own codes. */
static int mount_result(struct libmnt_context *cxt, int r)
{
	if (r == 0)
		return 0;
	if (mnt_context_syscall_called(cxt) && mnt_context_get_syscall_errno(cxt))
		return -mnt_context_get_syscall_errno(cxt);
	return r < 0 ? r : -EINVAL; /* refused before the syscall */
}

int mount_at(const char *source, const char *target, const char *type, unsigned long flags,
	     const char *options)
{
	struct libmnt_context *cxt;
	int r;

	/* Mount points such as /mnt/lima-rosetta may not exist yet. */
	r = make_dirs(target, 0755);
	if (r < 0)
		return r;
	cxt = mnt_new_context();
	if (!cxt)
		return -ENOMEM;
	mnt_context_disable_helpers(cxt, 1);
	mnt_context_disable_mtab(cxt, 1);
	mnt_context_disable_canonicalize(cxt, 1);
	mnt_context_disable_swapmatch(cxt, 1);
	r = mnt_context_set_source(cxt, source);
	if (r == 0)
		r = mnt_context_set_target(cxt, target);
	if (r == 0 && type)
		r = mnt_context_set_fstype(cxt, type);
	if (r == 0)
		r = mnt_context_set_mflags(cxt, flags);
	if (r == 0 && options)
		r = mnt_context_set_options(cxt, options);
	if (r == 0)
		r = mount_result(cxt, mnt_context_mount(cxt));
	mnt_free_context(cxt);
	return r;
}

int mount_plain(const char *source, const char *target, const char *type, unsigned long flags,
		const char *options)
{
	/* The target is there but for the first boot of a new tree: mkdir
	 * only when the mount says it is missing. */
	if (mount(source, target, type, flags, options) == 0)
		return 0;
	if (errno != ENOENT || (mkdir(target, 0755) < 0 && errno != EEXIST))
		return -errno;
	return mount(source, target, type, flags, options) < 0 ? -errno : 0;
}

int mount_virtiofs_wait(const char *tag, const char *target, unsigned long flags,
			const char *options, uint64_t deadline)
{
	for (;;) {
		int r = mount_at(tag, target, "virtiofs", flags, options);

		/* virtiofs answers EINVAL for a tag it does not know (yet). */
		if (r == 0 || (r != -EINVAL && r != -ENODEV && r != -ENXIO))
			return r;
		if (boot_ms() >= deadline)
			return -ETIMEDOUT;
		sleep_ms(RETRY_MS);
	}
}
