/* The root stage's reading of the image config (IMAGE_CONFIG_FILE) that
 * rosetta-mkroot leaves in a root made from a container image, and its check
 * that the entry's working directory is in the tree. Both resolve paths with
 * RESOLVE_IN_ROOT: an absolute link in the tree stays in the tree. */
#include "root_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/whole_file.h"
#include "log.h"
#include "root_check.h"
#include "stages.h"

/* The file's text: 0 (*text NULL when there is none, which is normal), or
 * -errno with f filled. */
static int read_image_config(const struct boot_ctx *ctx, int tree_fd, char **text, size_t *len,
			     struct failure *f)
{
	static const char remedy[] =
	    "make the root again with rosetta-mkroot, or remove " IMAGE_CONFIG_FILE
	    " from it and set rosetta.entry= instead";
	int fd = root_open_in(tree_fd, IMAGE_CONFIG_FILE, O_RDONLY | O_NONBLOCK | O_NOCTTY), r;

	*text = NULL;
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return fail(f, -fd, remedy, "opening %s in %s", IMAGE_CONFIG_FILE, ctx->cfg.root);
	r = read_whole_fd(fd, CONFIG_FILE_MAX, text, len);
	close(fd);
	if (r < 0)
		return fail(f, -r, remedy, "reading %s in %s (at most %zu KiB)", IMAGE_CONFIG_FILE,
			    ctx->cfg.root, CONFIG_FILE_MAX / 1024);
	return 0;
}

int root_image_config(struct boot_ctx *ctx, int tree_fd, struct failure *f)
{
	char *text, user[32];
	size_t len = 0;
	int r = read_image_config(ctx, tree_fd, &text, &len, f);

	if (r < 0 || !text)
		return r;
	r = config_merge_image(&ctx->cfg, text, len, IMAGE_CONFIG_FILE, config_warn_log, NULL);
	free(text);
	if (r < 0)
		return fail(f, -r, "give the guest more memory", "reading %s", IMAGE_CONFIG_FILE);
	log_info("root: image config %s: entry=%s workdir=%s user=%s", IMAGE_CONFIG_FILE,
		 ctx->cfg.entry, ctx->cfg.workdir, config_user_text(&ctx->cfg, user, sizeof(user)));
	return config_entry_words(ctx, "the entry of " IMAGE_CONFIG_FILE " or rosetta.entry", f);
}

int root_check_workdir(const struct boot_ctx *ctx, int tree_fd, struct failure *f)
{
	int fd = root_open_in(tree_fd, ctx->cfg.workdir, O_PATH | O_DIRECTORY);

	if (fd < 0)
		return fail(
		    f, -fd,
		    "set rosetta.workdir= to a directory of the tree, or make the directory "
		    "in it",
		    "the entry's working directory %s in %s", ctx->cfg.workdir, ctx->cfg.root);
	close(fd);
	return 0;
}
