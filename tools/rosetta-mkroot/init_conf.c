/* Writing the image config for rosetta-init; see init_conf.h. Every check
 * here is one the init makes when it reads the file: what it would refuse,
 * or read back otherwise, is refused here with the word and the limit named,
 * so that a root never boots with another entry than the image's. */
#include "init_conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/contract.h"

#define STAMP_DIGEST_PREFIX "sha256:"

static bool digest_ok(const char *d)
{
	size_t hex = strlen(STAMP_DIGEST_PREFIX);

	return !strncmp(d, STAMP_DIGEST_PREFIX, hex) && strlen(d + hex) == 64 &&
	       strspn(d + hex, "0123456789abcdef") == 64;
}

static int render_entry(FILE *out, const struct image_config *ic, struct error_record *e)
{
	char line[ENTRY_MAX + 1];
	size_t bad = 0;
	int r;

	if (!ic->entry || !ic->entry_count)
		return 0;
	if (ic->entry_count > ENTRY_WORDS_MAX)
		return error_set(e, -EINVAL,
				 "the image's entry has %zu words; rosetta-init takes %d",
				 ic->entry_count, ENTRY_WORDS_MAX);
	if (ic->entry[0][0] != '/')
		return error_set(e, -EINVAL,
				 "the image's entry program '%s' is not an absolute path "
				 "(rosetta-init does not search PATH)",
				 ic->entry[0]);
	r = contract_entry_quote(ic->entry, ic->entry_count, ENTRY_IN_IMAGE_FILE, line,
				 sizeof(line), &bad);
	if (r == -EINVAL)
		return error_set(e, r,
				 "word %zu of the image's entry, '%s', holds %s, which %s cannot "
				 "carry",
				 bad + 1, ic->entry[bad],
				 contract_entry_refusal(ic->entry[bad], ENTRY_IN_IMAGE_FILE),
				 IMAGE_CONFIG_FILE);
	if (r < 0)
		return error_set(e, -EINVAL,
				 "the image's entry, quoted, is longer than the %d bytes "
				 "rosetta-init takes",
				 ENTRY_MAX);
	fprintf(out, KEY_ENTRY "=%s\n", line);
	return 0;
}

/* What the init's parser would not give back as it is, or NULL: it takes a
 * value of the image's file to the line's end. */
static const char *value_refusal(const char *v)
{
	return strchr(v, '\n') ? "a newline" : NULL;
}

/* Whether a variable of the same name comes before env[i]: the init keeps
 * one slot a name. */
static bool seen_before(char *const *env, size_t i, size_t nlen)
{
	for (size_t k = 0; k < i; k++)
		if (!strncmp(env[k], env[i], nlen) && env[k][nlen] == '=')
			return true;
	return false;
}

static int check_var(const char *var, size_t nlen, struct error_record *e)
{
	char name[VALUE_MAX + 1];

	if (!var[nlen] || nlen > VALUE_MAX)
		return error_set(e, -EINVAL, "the image's variable '%.64s' is not NAME=VALUE", var);
	memcpy(name, var, nlen);
	name[nlen] = '\0';
	if (!contract_env_name_ok(name))
		return error_set(e, -EINVAL,
				 "the image's variable name '%s' is not one rosetta-init "
				 "takes ([A-Za-z_][A-Za-z0-9_]*)",
				 name);
	if (strlen(var) > VALUE_MAX)
		return error_set(e, -EINVAL,
				 "the image's variable %s is %zu bytes as NAME=VALUE; "
				 "rosetta-init takes %d",
				 name, strlen(var), VALUE_MAX);
	if (value_refusal(var + nlen + 1))
		return error_set(e, -EINVAL,
				 "the image's variable %s holds %s, which rosetta-init's "
				 "configuration cannot carry",
				 name, value_refusal(var + nlen + 1));
	return 0;
}

static int render_env(FILE *out, const struct image_config *ic, struct error_record *e)
{
	size_t names = 0;

	for (size_t i = 0; i < ic->env_count; i++) {
		size_t nlen = strcspn(ic->env[i], "=");
		int r = check_var(ic->env[i], nlen, e);

		if (r < 0)
			return r;
		if (!seen_before(ic->env, i, nlen) && ++names > ENV_VARS_MAX)
			return error_set(e, -EINVAL,
					 "the image has more than the %d variables "
					 "rosetta-init takes (at %.*s)",
					 ENV_VARS_MAX, (int)nlen, ic->env[i]);
		fprintf(out, KEY_ENV_PREFIX "%.*s=%s\n", (int)nlen, ic->env[i],
			ic->env[i] + nlen + 1);
	}
	return 0;
}

static int render_workdir(FILE *out, const char *dir, struct error_record *e)
{
	if (!dir)
		return 0;
	if (dir[0] != '/' || strlen(dir) > VALUE_MAX)
		return error_set(e, -EINVAL,
				 "the image's WorkingDir '%.64s' is not an absolute path "
				 "of at most %d bytes",
				 dir, VALUE_MAX);
	if (value_refusal(dir))
		return error_set(e, -EINVAL,
				 "the image's WorkingDir '%s' holds %s, which "
				 "rosetta-init's configuration cannot carry",
				 dir, value_refusal(dir));
	fprintf(out, KEY_WORKDIR "=%s\n", dir);
	return 0;
}

static int render(FILE *out, const struct image_config *ic, uid_t uid, gid_t gid, bool has_user,
		  struct error_record *e)
{
	int r = render_entry(out, ic, e);

	if (r == 0)
		r = render_env(out, ic, e);
	if (r == 0)
		r = render_workdir(out, ic->workdir, e);
	if (r == 0 && has_user && (uid > USER_ID_MAX || gid > USER_ID_MAX))
		r = error_set(e, -EINVAL,
			      "the image's user %u:%u is past the ids rosetta-init takes "
			      "(%lu)",
			      (unsigned int)uid, (unsigned int)gid, USER_ID_MAX);
	if (r == 0 && has_user)
		fprintf(out, KEY_USER "=%u:%u\n", (unsigned int)uid, (unsigned int)gid);
	return r;
}

int init_conf_render(const struct image_config *ic, uid_t uid, gid_t gid, bool has_user,
		     const char *manifest_digest, char **text, struct error_record *e)
{
	size_t len = 0;
	FILE *out;
	int r;

	*text = NULL;
	if (!digest_ok(manifest_digest))
		return error_set(e, -EINVAL, "'%.80s' is not a manifest digest (sha256:HEX)",
				 manifest_digest);
	out = open_memstream(text, &len);
	if (!out)
		return error_system(e, -ENOMEM, "rendering %s: %m", IMAGE_CONFIG_FILE);
	fprintf(out, IMAGE_CONFIG_STAMP "%s\n", manifest_digest);
	r = render(out, ic, uid, gid, has_user, e);
	if (fclose(out) != 0 && r == 0)
		r = error_system(e, -ENOMEM, "rendering %s: %m", IMAGE_CONFIG_FILE);
	if (r < 0) {
		free(*text);
		*text = NULL;
	}
	return r;
}

int init_conf_manifest(const char *text, char *digest, size_t size)
{
	char found[INIT_CONF_DIGEST_MAX];
	size_t len;

	if (strncmp(text, IMAGE_CONFIG_STAMP, strlen(IMAGE_CONFIG_STAMP)) != 0)
		return -ENODATA;
	text += strlen(IMAGE_CONFIG_STAMP);
	len = strcspn(text, "\n");
	if (len >= sizeof(found))
		return -ENODATA;
	memcpy(found, text, len);
	found[len] = '\0';
	if (!digest_ok(found))
		return -ENODATA;
	if (len >= size)
		return -ENOBUFS;
	memcpy(digest, found, len + 1);
	return 0;
}
