/* Loading kernel modules from the initramfs, through one libkmod context per
 * boot (its indexes read once): the modules stage's, the root's filesystem
 * and disk driver, verify's algif_hash. */
#ifndef INIT_MODULES_H
#define INIT_MODULES_H

struct boot_ctx;

/* Load the module name (and what it depends on) from
 * modules_dir/$(uname -r), opening ctx->kmod when it is not yet. Already
 * loaded, built in or unknown to the indexes is success. Returns how many
 * modules this call inserted, or -errno; -ENOENT when there is no module
 * directory. */
int modules_load(struct boot_ctx *ctx, const char *name);

/* Drop ctx->kmod: its indexes are mapped from the initramfs, which the
 * switch frees. */
void modules_release(struct boot_ctx *ctx);

#endif
