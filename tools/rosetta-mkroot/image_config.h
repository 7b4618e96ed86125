/* An image's configuration in the terms rosetta-init uses: what the OCI image
 * config's Entrypoint, Cmd, Env, WorkingDir and User say, read from the config
 * blob (image_config_parse) and written into the root for the guest
 * (init_conf_render). */
#ifndef MKROOT_IMAGE_CONFIG_H
#define MKROOT_IMAGE_CONFIG_H

#include <stddef.h>

#include "lib/error.h"

struct image_config {
	char **entry; /* Entrypoint's words then Cmd's; NULL when the image has neither */
	size_t entry_count;
	char **env; /* "NAME=VALUE", in the image's order */
	size_t env_count;
	char *workdir; /* WorkingDir, NULL when unset or empty */
	char *user;    /* User as the image writes it (name, uid, with :group), NULL when unset */
};

/* The config JSON (an OCI image config, or docker's) into ic: Entrypoint's words then Cmd's
 * (either may be null or absent), Env, WorkingDir, User. Clears e first; returns 0, -EINVAL
 * for a document that is not such a config (with a message), or -ENOMEM. ic is empty after a
 * failure. */
int image_config_parse(const char *json, size_t len, struct image_config *ic,
		       struct error_record *e);

void image_config_free(struct image_config *ic);

#endif
