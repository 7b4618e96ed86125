/* The root's modules, loaded ahead by a child of PID 1 (root_preload.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "blockdev.h"
#include "lib/clock.h"
#include "lib/io.h"
#include "modules.h"
#include "root_preload.h"

/* Beyond rosetta.timeout's wait for the disk: its modules' loading. */
#define PRELOAD_GRACE_MS 5000
#define LOADED_MAX	 256 /* the report, well under PIPE_BUF */

/* Load name; it joins the report only when this child inserted it (or
 * what it depends on): built in, loaded first by PID 1's coldplug, or
 * unknown says nothing about what the preloader saved. */
static void load(struct boot_ctx *ctx, const char *name, char *loaded, size_t size)
{
	size_t len = strlen(loaded);

	if (modules_load(ctx, name) > 0)
		snprintf(loaded + len, size - len, "%s%s", len ? " " : "", name);
}

/* The filesystem's type: rosetta.rootfstype, or the disk's once it shows.
 * "" when neither tells (stage root then says why). */
static void root_fstype(struct boot_ctx *ctx, const struct root_spec *spec, char *type, size_t size)
{
	struct blockdev bd[BLOCKDEV_MAX];
	size_t n, i;

	if (ctx->cfg.rootfstype[0])
		snprintf(type, size, "%s", ctx->cfg.rootfstype);
	else if (blockdev_wait(spec, ctx->root_device_deadline, bd, BLOCKDEV_MAX, &n, &i) == 0)
		snprintf(type, size, "%s", bd[i].type);
	else
		type[0] = '\0';
}

static int preload(struct boot_ctx *ctx, int fd)
{
	char loaded[LOADED_MAX] = "";
	struct root_spec spec;
	const char *driver;

	if (contract_root_parse(ctx->cfg.root, &spec) < 0)
		return 1;
	if ((driver = root_driver_module(spec.type)))
		load(ctx, driver, loaded, sizeof(loaded));
	if (ctx->cfg.overlay)
		load(ctx, "overlay", loaded, sizeof(loaded));
	if (contract_root_is_block(spec.type)) {
		char type[32];

		root_fstype(ctx, &spec, type, sizeof(type));
		if (type[0])
			load(ctx, type, loaded, sizeof(loaded));
	}
	return write_all(fd, loaded, strlen(loaded)) == 0 ? 0 : 1;
}

void root_preload_begin(struct boot_ctx *ctx)
{
	struct root_spec spec;

	if (ctx->cfg.root_refused[0] || contract_root_parse(ctx->cfg.root, &spec) < 0 ||
	    !(contract_root_is_block(spec.type) || ctx->cfg.overlay))
		return;
	/* The child's wait for the disk (root_fstype), which stage root then
	 * shares (no second rosetta.timeout for a disk that never shows);
	 * stage root has a wait of its own when no child waits. */
	if (contract_root_is_block(spec.type) && !ctx->cfg.rootfstype[0])
		ctx->root_device_deadline = boot_ms() + ctx->cfg.timeout_ms;
	if (child_report_begin(&ctx->root_preload, preload, ctx) < 0)
		ctx->root_device_deadline = 0;
}

void root_preload_end(struct boot_ctx *ctx, char *loaded, size_t size)
{
	uint64_t deadline = ctx->root_preload.started_ms + ctx->cfg.timeout_ms + PRELOAD_GRACE_MS;
	ssize_t n = 0;

	if (ctx->root_preload.pid > 0)
		n = child_report_collect(&ctx->root_preload, loaded, size - 1, deadline);
	loaded[n > 0 ? n : 0] = '\0';
}
