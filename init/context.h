/* The boot context: everything one stage hands to the next, and the failure
 * record a stage returns. Every outside-world location is a path here so
 * tests can point a stage at a scratch directory. */
#ifndef INIT_CONTEXT_H
#define INIT_CONTEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "child_report.h"
#include "config.h"
#include "rivals.h"

struct failure {
	const char *stage;
	int err;	    /* errno value, 0 when none applies */
	char what[512];	    /* what was being done, naming the object */
	const char *remedy; /* one line telling the user what to do */
};

struct kmod_ctx;

struct boot_ctx {
	struct config cfg;
	bool configured;		      /* stage config has applied cfg */
	const char *config_file;	      /* CONFIG_FILE */
	const char *cmdline;		      /* CMDLINE_FILE */
	const char *sys_dir;		      /* /sys: the virtio-fs devices */
	char translator[CONFIG_STR_MAX + 16]; /* <mount>/rosetta */
	const char *binfmt_dir;		      /* /proc/sys/fs/binfmt_misc */
	const char *modules_dir;	      /* /lib/modules */
	struct kmod_ctx *kmod;	      /* its indexes, loaded once; NULL until needed (modules.h) */
	const char *newroot;	      /* where the x86-64 tree is mounted */
	const char *selftest_prog;    /* the x86-64 self-test program */
	int translator_fd;	      /* kept open from verify to register */
	struct child_report selftest; /* the self-test begun early */
	struct child_report root_preload; /* the root's modules, loaded ahead */
	uint64_t root_device_deadline;	  /* boot_ms(); 0 until a wait for the disk */
	struct rivals disabled;		  /* by stage register */
	char entry_buf[CONFIG_ENTRY_MAX]; /* rosetta.entry split into words */
	char *entry_argv[CONFIG_ARGV_MAX];
	dev_t tree_dev; /* the x86-64 tree's directory, which */
	ino_t tree_ino; /* switch must not delete */
	int oldroot_fd; /* the old initramfs, from switch until it is freed */
	char said[768]; /* what the running stage did, for its ok line (stage_say) */
	/* Stage run's. */
	const char *console;	   /* the entry's terminal; NULL keeps stdio */
	const char *rosettad_dir;  /* where rosettad's socket is linked */
	const char *shutdown_root; /* unmounted below, then read-only; NULL: none */
	/* NULL: reboot(2) ends the shutdown. arg is the supervisor (supervise.h),
	 * which holds the entry's status. */
	void (*reboot)(void *arg, int how);
};

/* Fill f and return -err (-EINVAL when err is 0: the stage failed on its
 * input), so a stage can end with `return fail(...)`. err is an errno. */
int fail(struct failure *f, int err, const char *remedy, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The one report of a failed stage, as error lines of the log: "STAGE
 * failed: WHAT: CAUSE" (no cause without an errno), then "remedy: ...". */
void failure_log(const struct failure *f);

#endif
