/* The image config's container settings (Entrypoint, Cmd, Env, WorkingDir,
 * User) into struct image_config, as written: rosetta-init, not this reader,
 * decides what a user name or a working directory means in the root. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

/* Append a list's strings to *v; null or absent is no words. */
static int words_add(json_t *list, const char *key, const char *what, char ***v, size_t *n,
		     struct error_record *e)
{
	size_t i, add = json_is_array(list) ? json_array_size(list) : 0;
	char **grown;

	if (list && !json_is_null(list) && !json_is_array(list))
		return error_set(e, -EINVAL, "%s: %s is not a list of strings", what, key);
	if (add == 0)
		return 0;
	grown = realloc(*v, (*n + add + 1) * sizeof(**v));
	if (!grown)
		return error_system(e, -ENOMEM, "%s: %m", what);
	*v = grown;
	for (i = 0; i < json_array_size(list); i++) {
		json_t *w = json_array_get(list, i);

		if (!json_is_string(w))
			return error_set(e, -EINVAL, "%s: %s has an entry that is not a string",
					 what, key);
		(*v)[*n] = strdup(json_string_value(w));
		if (!(*v)[*n])
			return error_system(e, -ENOMEM, "%s: %m", what);
		(*v)[++*n] = NULL;
	}
	return 0;
}

/* A string setting; "" and absent are NULL. */
static int string_get(json_t *c, const char *key, const char *what, char **out,
		      struct error_record *e)
{
	json_t *v = json_object_get(c, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return error_set(e, -EINVAL, "%s: %s is not a string", what, key);
	if (!*json_string_value(v))
		return 0;
	*out = strdup(json_string_value(v));
	return *out ? 0 : error_system(e, -ENOMEM, "%s: %m", what);
}

static int env_check(const struct image_config *ic, const char *what, struct error_record *e)
{
	for (size_t i = 0; i < ic->env_count; i++) {
		const char *eq = strchr(ic->env[i], '=');

		if (!eq || eq == ic->env[i])
			return error_set(e, -EINVAL, "%s: Env entry \"%.80s\" is not NAME=VALUE",
					 what, ic->env[i]);
	}
	return 0;
}

int image_config_from_json(json_t *config, const char *what, struct image_config *ic,
			   struct error_record *e)
{
	json_t *c = json_object_get(config, "config");
	int r = 0;

	memset(ic, 0, sizeof(*ic));
	if (c && !json_is_null(c) && !json_is_object(c))
		r = error_set(e, -EINVAL, "%s: \"config\" is not an object", what);
	if (r == 0)
		r = words_add(json_object_get(c, "Entrypoint"), "Entrypoint", what, &ic->entry,
			      &ic->entry_count, e);
	if (r == 0)
		r = words_add(json_object_get(c, "Cmd"), "Cmd", what, &ic->entry, &ic->entry_count,
			      e);
	if (r == 0)
		r = words_add(json_object_get(c, "Env"), "Env", what, &ic->env, &ic->env_count, e);
	if (r == 0)
		r = env_check(ic, what, e);
	if (r == 0)
		r = string_get(c, "WorkingDir", what, &ic->workdir, e);
	if (r == 0)
		r = string_get(c, "User", what, &ic->user, e);
	if (r < 0)
		image_config_free(ic);
	return r;
}

int image_config_parse(const char *json, size_t len, struct image_config *ic,
		       struct error_record *e)
{
	json_t *config;
	int r;

	memset(ic, 0, sizeof(*ic));
	if (e)
		error_init(e);
	r = json_text_parse(json, len, "image config", JSON_OBJECT, &config, e);
	if (r < 0)
		return r;
	r = image_config_from_json(config, "image config", ic, e);
	json_decref(config);
	return r;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void image_config_free(struct image_config *ic)
{
	strv_free(ic->entry, ic->entry_count);
	strv_free(ic->env, ic->env_count);
	free(ic->workdir);
	free(ic->user);
	memset(ic, 0, sizeof(*ic));
}
