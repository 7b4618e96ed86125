/* The boot stages of rosetta-init, in the order main() runs them. Each
 * returns 0, or a negative errno with the failure record filled (fail());
 * none prints an error. */
#ifndef INIT_STAGES_H
#define INIT_STAGES_H

#include "binfmt/selftest.h"
#include "context.h"

typedef int (*stage_fn)(struct boot_ctx *ctx, struct failure *f);

/* Run stage (its function fn) as the boot runs each: the record cleared and
 * named for it, and "NAME ... ok (N ms)" logged when it succeeds. Returns
 * what fn returned. */
int stage_step(enum stage stage, stage_fn fn, struct boot_ctx *ctx, struct failure *f);

/* What the running stage did, in a few words: the end of its line, "NAME
 * ... ok (N ms): WHAT" (one line per stage: each costs a write to the
 * console and one to the kernel log). A second call adds "; " and more. */
void stage_say(struct boot_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int stage_early(struct boot_ctx *ctx, struct failure *f);
int stage_config(struct boot_ctx *ctx, struct failure *f);
int stage_modules(struct boot_ctx *ctx, struct failure *f);
/* -ENXIO when no device with the tag appeared within rosetta.timeout. */
int stage_share(struct boot_ctx *ctx, struct failure *f);
int stage_verify(struct boot_ctx *ctx, struct failure *f);
int stage_register(struct boot_ctx *ctx, struct failure *f);
/* Start the self-test program in a child of its own (ctx->selftest), so
 * that it runs while the boot goes on; stage
 * selftest then waits for the report. Nothing when rosetta.selftest=0, or
 * when the child cannot be made: the stage then runs the program itself. */
void selftest_begin(struct boot_ctx *ctx);
/* Judge the self-test begun early, or run it now. */
int stage_selftest(struct boot_ctx *ctx, struct failure *f);
/* Its two halves, which leave the entry alone (rosettactl test): run the
 * self-test program in the sandbox and judge it (0, the verdict in *rule,
 * what was seen in r; or -errno with f filled when the sandbox could not be
 * set up); and report a verdict other than SELFTEST_OK as the stage does
 * (the translator's first line of stderr logged, f filled; returns the
 * -errno). */
int selftest_sandboxed(const struct boot_ctx *ctx, struct failure *f, struct sandbox_result *r,
		       enum selftest_rule *rule);
int selftest_refuse(const struct boot_ctx *ctx, struct failure *f, enum selftest_rule rule,
		    const struct sandbox_result *r);
/* The same as selftest_sandboxed for the run selftest_begin started: its
 * report read (waiting at most rosetta.selftest.timeout and a grace) and
 * its runner reaped. */
int selftest_collect(struct boot_ctx *ctx, struct failure *f, struct sandbox_result *r,
		     enum selftest_rule *rule);
int stage_root(struct boot_ctx *ctx, struct failure *f);
int stage_switch(struct boot_ctx *ctx, struct failure *f);
/* Returns only when exec mode failed; otherwise supervises, then shuts
 * down (shutdown.h). */
int stage_run(struct boot_ctx *ctx, struct failure *f);

/* The kernel command line, as stage config reads it. 0 or -errno. */
#define CMDLINE_FILE "/proc/cmdline"
#define CMDLINE_MAX  4096
int read_cmdline(char *buf, size_t size);
/* The same from another file (a proc filesystem mounted elsewhere, a
 * test's), for the tools that read the init's configuration. */
int read_cmdline_at(const char *path, char *buf, size_t size);

/* The configuration as stage config builds it: the defaults, then file
 * (CONFIG_FILE: a missing one is normal, an unreadable one is warned about
 * as "FILE: CAUSE" with an empty key), then the rosetta.* keys of the
 * command line at cmdline. Warnings go to warn (may be NULL). Returns 0,
 * or -errno when the command line cannot be read. */
int config_load(struct config *cfg, const char *file, const char *cmdline, config_warn_fn warn,
		void *arg);

/* How stage config warns about a key: "WHERE: KEY: PROBLEM (ignored)", the
 * kernel command line when where is NULL. A config_warn_fn. */
void config_warn_log(void *arg, const char *where, const char *key, const char *problem);

/* Split ctx->cfg.entry into ctx->entry_argv, whose first word must be an
 * absolute path; from names where the entry came from in the failure
 * ("rosetta.entry", the image config). 0, or -EINVAL with f filled. */
int config_entry_words(struct boot_ctx *ctx, const char *from, struct failure *f);

/* rosetta.user as "UID:GID", or "unchanged", into buf. Returns buf. */
const char *config_user_text(const struct config *cfg, char *buf, size_t size);

/* After stage switch: free the old initramfs (ctx->oldroot_fd, then
 * closed), sparing the tree. A no-op when there is none to free. */
void switch_free_old_root(struct boot_ctx *ctx);

#endif
