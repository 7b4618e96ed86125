/* An image's configuration under the boot's own: rosetta-mkroot writes the
 * image's Entrypoint, Cmd, Env, WorkingDir and User into the root
 * (IMAGE_CONFIG_FILE), and what /etc/rosetta-init.conf or the kernel command
 * line set explicitly wins over it, as `docker run` options win over the
 * image's. */
#include "config.h"
#include "config_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Index of the variable of cfg->env named like var ("NAME=VALUE"), or of
 * the first free slot, or CONFIG_ENV_MAX. */
static size_t env_slot(const struct config *cfg, const char *var)
{
	size_t len = strcspn(var, "="), i;

	for (i = 0; i < CONFIG_ENV_MAX && cfg->env[i][0]; i++)
		if (!strncmp(cfg->env[i], var, len) && cfg->env[i][len] == '=')
			break;
	return i;
}

static void merge_env(struct config *cfg, const struct config *img, struct config_report *r)
{
	for (size_t i = 0; i < CONFIG_ENV_MAX && img->env[i][0]; i++) {
		size_t at = env_slot(cfg, img->env[i]);
		char key[CONFIG_STR_MAX + 8];

		if (at < CONFIG_ENV_MAX && cfg->env[at][0])
			continue; /* set explicitly */
		if (at < CONFIG_ENV_MAX) {
			memcpy(cfg->env[at], img->env[i], sizeof(cfg->env[at]));
			continue;
		}
		snprintf(key, sizeof(key), KEY_ENV_PREFIX "%.*s", (int)strcspn(img->env[i], "="),
			 img->env[i]);
		config_warnf(r, key, "more than %d variables with the configuration's own",
			     CONFIG_ENV_MAX);
	}
}

static void merge(struct config *cfg, const struct config *img, struct config_report *r)
{
	unsigned int taken = img->set & ~cfg->set;

	if (taken & CONFIG_SET_ENTRY)
		memcpy(cfg->entry, img->entry, sizeof(cfg->entry));
	if (taken & CONFIG_SET_WORKDIR)
		memcpy(cfg->workdir, img->workdir, sizeof(cfg->workdir));
	if (taken & CONFIG_SET_USER) {
		cfg->has_user = true;
		cfg->uid = img->uid;
		cfg->gid = img->gid;
	}
	merge_env(cfg, img, r);
}

int config_merge_image(struct config *cfg, const char *text, size_t len, const char *filename,
		       config_warn_fn warn, void *arg)
{
	struct config_report r = { .warn = warn, .arg = arg, .where = filename };
	/* 20 KiB: not on PID 1's stack beside the caller's. */
	struct config *img = malloc(sizeof(*img));

	if (!img)
		return -ENOMEM;
	config_defaults(img);
	r.count = config_parse_image_text(img, text, len, filename, warn, arg);
	merge(cfg, img, &r);
	free(img);
	return r.count;
}
