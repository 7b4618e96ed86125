/* The root's modules loaded ahead (init/root_preload.c): a child begins only
 * for a root that needs modules, reports what it saw loaded, and is reaped
 * by the end, within its bound. The modules directory is an empty scratch
 * one, so nothing is ever loaded into the machine running the test; a disk
 * that never shows bounds the child's wait by rosetta.timeout. */
/* Before cmocka.h, which defines a fail() macro of its own. */
#include "init/log.h"
#include "init/root_preload.h"
#include "lib/clock.h"
#include "tests/unit/scratch.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

static void quiet(void *arg, const char *label, const char *msg)
{
	(void)arg, (void)label, (void)msg;
}

static struct boot_ctx ctx_for(struct scratch *s, const char *root)
{
	struct boot_ctx ctx = { .modules_dir = s->dir,
				.sys_dir = "/sys",
				.root_preload = CHILD_REPORT_NONE };

	config_defaults(&ctx.cfg);
	snprintf(ctx.cfg.root, sizeof(ctx.cfg.root), "%s", root);
	ctx.cfg.timeout_ms = 300;
	return ctx;
}

/* The child ran and is gone: reaped, none left. */
static void assert_ended(struct boot_ctx *ctx, pid_t child, char *loaded, size_t size)
{
	root_preload_end(ctx, loaded, size);
	assert_int_equal(ctx->root_preload.pid, 0);
	assert_int_equal(ctx->root_preload.fd, -1);
	assert_int_equal(waitpid(child, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void no_child_for_roots_without_modules(void **state)
{
	static const char *const roots[] = { "initramfs:/x86", "virtiofs:tree" };
	char loaded[64] = "stale";

	for (size_t i = 0; i < 2; i++) {
		struct boot_ctx ctx = ctx_for(*state, roots[i]);

		root_preload_begin(&ctx);
		assert_int_equal(ctx.root_preload.pid, 0);
		assert_int_equal(ctx.root_device_deadline, 0);
		root_preload_end(&ctx, loaded, sizeof(loaded));
		assert_string_equal(loaded, "");
	}
}

static void no_child_for_a_refused_root(void **state)
{
	struct boot_ctx ctx = ctx_for(*state, "/dev/vda");

	snprintf(ctx.cfg.root_refused, sizeof(ctx.cfg.root_refused), "%s", "/dev/../vda");
	root_preload_begin(&ctx);
	assert_int_equal(ctx.root_preload.pid, 0);
}

/* A disk that never shows: the child waits rosetta.timeout for it, then
 * reports nothing loaded (the modules directory is empty); the wait's
 * deadline is the one stage root will share. */
static void block_root_child_waits_for_its_disk_within_the_timeout(void **state)
{
	struct boot_ctx ctx = ctx_for(*state, "LABEL=rosetta-preload-test-none");
	uint64_t before = boot_ms(), start = monotonic_ms();
	char loaded[64] = "stale";
	pid_t child;

	root_preload_begin(&ctx);
	child = ctx.root_preload.pid;
	assert_true(child > 0);
	assert_true(ctx.root_device_deadline >= before + 300);
	assert_true(ctx.root_device_deadline <= boot_ms() + 300);
	assert_ended(&ctx, child, loaded, sizeof(loaded));
	assert_string_equal(loaded, "");
	assert_true(monotonic_ms() - start >= 300);
	assert_true(monotonic_ms() - start < 5000);
}

/* With rosetta.rootfstype and an overlay, no disk is waited for: the
 * child tries the modules at once (well inside the minute's timeout), and
 * stage root keeps a disk wait of its own (no shared deadline). */
static void overlay_and_given_type_need_no_disk(void **state)
{
	struct boot_ctx ctx = ctx_for(*state, "virtiofs:tree");
	uint64_t start = monotonic_ms();
	char loaded[64] = "stale";
	pid_t child;

	ctx.cfg.overlay = true;
	ctx.cfg.timeout_ms = 60000;
	root_preload_begin(&ctx);
	child = ctx.root_preload.pid;
	assert_true(child > 0);
	assert_ended(&ctx, child, loaded, sizeof(loaded));
	assert_string_equal(loaded, "");

	ctx = ctx_for(*state, "LABEL=rosetta-preload-test-none");
	snprintf(ctx.cfg.rootfstype, sizeof(ctx.cfg.rootfstype), "%s", "ext4");
	ctx.cfg.timeout_ms = 60000;
	root_preload_begin(&ctx);
	child = ctx.root_preload.pid;
	assert_true(child > 0);
	assert_int_equal(ctx.root_device_deadline, 0);
	assert_ended(&ctx, child, loaded, sizeof(loaded));
	assert_true(monotonic_ms() - start < 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_child_for_roots_without_modules),
		cmocka_unit_test(no_child_for_a_refused_root),
		cmocka_unit_test(block_root_child_waits_for_its_disk_within_the_timeout),
		cmocka_unit_test(overlay_and_given_type_need_no_disk),
	};

	log_set_sink(quiet, NULL);
	return cmocka_run_group_tests_name("init_root_preload", tests, scratch_setup,
					   scratch_teardown);
}
