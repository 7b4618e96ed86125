/* The root's modules loaded ahead. A child of PID 1 (child_report.h), begun
 * with the modules stage, loads what stage root will need: the disk's
 * driver, its filesystem's module (rosetta.rootfstype, or the type libblkid
 * sees once the disk is there) and overlay for rosetta.overlay=tmpfs. The
 * kernel's work on them (ext4 and its dependencies are most of a disk root's
 * boot) then overlaps PID 1 loading the transport, mounting the share and
 * registering the translator. Stage root waits for the child, then loads
 * whatever is still missing itself: the preloader saves time, and never
 * changes what the boot does or says on a failure. */
#ifndef INIT_ROOT_PRELOAD_H
#define INIT_ROOT_PRELOAD_H

#include <stddef.h>

#include "context.h"

/* Start the child (ctx->root_preload) when the root needs a module: a
 * block device root, or an overlay. When it waits for the disk (no
 * rosetta.rootfstype), that wait's rosetta.timeout starts now
 * (ctx->root_device_deadline) and stage root's wait shares it. Nothing when
 * no child can be made. */
void root_preload_begin(struct boot_ctx *ctx);

/* Wait for the child (bounded by rosetta.timeout and a grace; killed then)
 * and reap it. loaded receives the modules it inserted itself,
 * space-separated, "" when there were none or no report. */
void root_preload_end(struct boot_ctx *ctx, char *loaded, size_t size);

/* The driver that a root of this type needs before its device shows, NULL
 * for none (root.c). */
const char *root_driver_module(enum root_type type);

#endif
