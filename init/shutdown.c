/* Shutdown: the last thing PID 1 does. Every wait is bounded, so a process
 * that ignores SIGTERM, or one stuck in the kernel, cannot hold the VM up;
 * every step logs its failures and the next one runs all the same. */
#include "shutdown.h"

#include <errno.h>
#include <libmount.h>
#include <linux/magic.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "binfmt/binfmtfs.h"
#include "log.h"
#include "lib/array_size.h"

void shutdown_defaults(struct shutdown_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_ms = 5000;
	o->binfmt_dir = BINFMT_DEFAULT_DIR;
	o->mountinfo = "/proc/self/mountinfo";
	o->root = "/";
}

const char *shutdown_action_name(int how)
{
	if (how == (int)RB_AUTOBOOT)
		return "reboot";
	return how == (int)RB_HALT_SYSTEM ? "halt" : "poweroff";
}

/* Reap until no child is left or ms have passed. Returns 1 when none is
 * left. A child that exits after the last waitpid leaves SIGCHLD pending,
 * so the timed wait cannot miss it. */
static int reap_for(const struct shutdown_opts *o, unsigned int ms, unsigned int *reaped)
{
	uint64_t deadline = boot_ms() + ms;
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		struct timespec left;
		uint64_t now;
		int status;
		pid_t pid;

		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			(*reaped)++;
			if (o->reaped)
				o->reaped(o->arg, pid, status);
		}
		if (pid < 0 && errno == ECHILD)
			return 1;
		now = boot_ms();
		if (now >= deadline)
			return 0;
		left.tv_sec = (time_t)((deadline - now) / 1000);
		left.tv_nsec = (long)((deadline - now) % 1000) * 1000000L;
		sigtimedwait(&chld, NULL, &left);
	}
}

unsigned int shutdown_stop_processes(const struct shutdown_opts *o)
{
	uint64_t start = boot_ms();
	unsigned int reaped = 0;

	log_info("shutdown: sending SIGTERM to every process (SIGKILL after %u ms)", o->timeout_ms);
	kill(-1, SIGTERM);
	/* A stopped process handles SIGTERM only once continued. */
	kill(-1, SIGCONT);
	if (reap_for(o, o->timeout_ms, &reaped)) {
		log_info("shutdown: every process ended in %llu ms",
			 (unsigned long long)(boot_ms() - start));
		return reaped;
	}
	log_warn("shutdown: processes left after %u ms, sending SIGKILL", o->timeout_ms);
	kill(-1, SIGKILL);
	if (!reap_for(o, SHUTDOWN_KILL_WAIT_MS, &reaped))
		log_warn("shutdown: processes left %u ms after SIGKILL (stuck in the kernel?), "
			 "going on",
			 SHUTDOWN_KILL_WAIT_MS);
	return reaped;
}

static int unregister_one(void *arg, const char *name)
{
	const char *dir = arg;
	struct binfmt_status st;
	int r = binfmt_fs_read(dir, name, &st);

	/* An entry partly read still says its flags: it may pin a file too. */
	if (r < 0 && !(r == -EINVAL && st.bad_lines)) {
		log_warn("shutdown: reading binfmt_misc entry %s: %s", name, strerror(-r));
		return 0;
	}
	if (!strchr(st.flags, 'F'))
		return 0;
	r = binfmt_fs_control(dir, name, "-1");
	if (r < 0)
		log_warn("shutdown: removing binfmt_misc entry %s: %s", name, strerror(-r));
	else
		log_info("shutdown: removed binfmt_misc entry %s, which held %s open", name,
			 st.interpreter);
	return 0;
}

void shutdown_unregister_pinning(const char *dir)
{
	int r = binfmt_fs_is_mounted(dir);

	if (r > 0)
		r = binfmt_fs_list(dir, unregister_one, (void *)dir);
	if (r < 0 && r != -ENOENT)
		log_warn("shutdown: binfmt_misc at %s: %s", dir, strerror(-r));
}

static int below(const char *path, const char *root)
{
	size_t len = strlen(root);

	if (!strcmp(root, "/"))
		return path[0] == '/' && path[1] != '\0';
	return !strncmp(path, root, len) && path[len] == '/';
}

/* Filesystems that hold no data to flush, and that PID 1 still uses: the
 * console and /dev/kmsg live on devtmpfs. What is mounted below them is
 * taken down all the same. */
static int is_api_fs(const char *type)
{
	static const char *const api[] = { "devtmpfs", "proc", "sysfs" };

	for (size_t i = 0; type && i < ARRAY_SIZE(api); i++)
		if (!strcmp(type, api[i]))
			return 1;
	return 0;
}

/* Read-only, keeping the mount's other flags: a plain remount resets those
 * not given, and may not clear flags that a user namespace locked. */
static int remount_ro(const char *path)
{
	static const struct {
		unsigned long st, ms;
	} keep[] = {
		{ ST_NOSUID, MS_NOSUID },	  { ST_NODEV, MS_NODEV },
		{ ST_NOEXEC, MS_NOEXEC },	  { ST_NOATIME, MS_NOATIME },
		{ ST_NODIRATIME, MS_NODIRATIME }, { ST_RELATIME, MS_RELATIME },
	};
	unsigned long flags = MS_REMOUNT | MS_RDONLY;
	struct statvfs sv;

	if (statvfs(path, &sv) == 0)
		for (size_t i = 0; i < ARRAY_SIZE(keep); i++)
			if (sv.f_flag & keep[i].st)
				flags |= keep[i].ms;
	return mount(NULL, path, NULL, flags, NULL) == 0 ? 0 : -errno;
}

/* A tmpfs or ramfs has nothing to flush. The initramfs tree refuses to be
 * remounted read-only anyway: the deleted /init is still running. */
static int is_memory_fs(const char *path)
{
	struct statfs sfs;

	return statfs(path, &sfs) == 0 && (sfs.f_type == TMPFS_MAGIC || sfs.f_type == RAMFS_MAGIC);
}

struct tally {
	unsigned int unmounted, readonly, failed;
};

static void take_down(const char *path, struct tally *t)
{
	int r;

	if (umount2(path, UMOUNT_NOFOLLOW) == 0) {
		t->unmounted++;
		return;
	}
	if (errno != EBUSY) {
		log_warn("shutdown: unmounting %s: %s", path, strerror(errno));
		t->failed++;
		return;
	}
	r = remount_ro(path);
	if (r == 0) {
		log_info("shutdown: %s is busy, remounted read-only", path);
		t->readonly++;
	} else {
		log_warn("shutdown: %s is busy, and remounting it read-only failed: %s", path,
			 strerror(-r));
		t->failed++;
	}
}

void shutdown_unmount_all(const char *mountinfo, const char *root)
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_BACKWARD);
	struct tally t = { 0 };
	struct libmnt_fs *fs;
	/* Read whole before anything is unmounted, so unmounting /proc does not
	 * cut it short. libmount skips a line it cannot parse; a read that
	 * fails midway keeps what was read. */
	int r = tb && it ? mnt_table_parse_file(tb, mountinfo) : -ENOMEM;

	if (r < 0)
		log_warn("shutdown: reading %s: %s; unmounting what was read", mountinfo,
			 strerror(-r));
	/* Children come after their parents in mountinfo, so backwards
	 * unmounts each before what it is mounted on. */
	while (tb && it && mnt_table_next_fs(tb, it, &fs) == 0) {
		const char *path = mnt_fs_get_target(fs);

		if (path && below(path, root) && !is_api_fs(mnt_fs_get_fstype(fs)))
			take_down(path, &t);
	}
	mnt_free_iter(it);
	mnt_unref_table(tb);
	r = remount_ro(root);
	if (r < 0 && !is_memory_fs(root))
		log_warn("shutdown: remounting %s read-only: %s", root, strerror(-r));
	log_info("shutdown: %u unmounted, %u remounted read-only, %u failed; %s %s", t.unmounted,
		 t.readonly, t.failed, root, r < 0 ? "left as it was" : "read-only");
}

void shutdown_run(const struct shutdown_opts *o, int how)
{
	uint64_t start = boot_ms();

	shutdown_stop_processes(o);
	sync();
	if (o->binfmt_dir)
		shutdown_unregister_pinning(o->binfmt_dir);
	if (o->mountinfo)
		shutdown_unmount_all(o->mountinfo, o->root);
	sync();
	log_info("shutdown: %s (shutdown took %llu ms)", shutdown_action_name(how),
		 (unsigned long long)(boot_ms() - start));
	if (o->reboot)
		o->reboot(o->arg, how);
	else
		reboot(how);
	/* Only reached if the kernel refused; PID 1 must not exit. */
	for (;;)
		pause();
}

void shutdown_system(int how)
{
	struct shutdown_opts o;

	shutdown_defaults(&o);
	shutdown_run(&o, how);
}
