/* What the root stage takes from a root made from a container image: its
 * image config (IMAGE_CONFIG_FILE), and the check of the entry's working
 * directory that the image or the configuration names. */
#ifndef INIT_ROOT_IMAGE_H
#define INIT_ROOT_IMAGE_H

#include "context.h"

/* Both take the tree mounted at ctx->newroot as tree_fd (root_check.h). */

/* Read IMAGE_CONFIG_FILE in the tree, when there is one
 * (none is normal), into ctx->cfg under what was set explicitly
 * (config_merge_image), log what it gave, and split the entry again into
 * ctx->entry_argv. 0, or -errno with f filled: an image config that cannot
 * be read, or an entry that cannot start. */
int root_image_config(struct boot_ctx *ctx, int tree_fd, struct failure *f);

/* Check that ctx->cfg.workdir is a directory of the tree. 0, or -errno
 * with f filled. */
int root_check_workdir(const struct boot_ctx *ctx, int tree_fd, struct failure *f);

#endif
