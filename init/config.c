/* Kernel command line parsing for rosetta-init. Pure functions: the init
 * feeds /proc/cmdline in, the unit tests feed strings. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/entry.h"

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->tag, "rosetta");
	strcpy(cfg->mount, "/run/rosetta");
	strcpy(cfg->root, "initramfs:/x86");
	strcpy(cfg->entry, "/bin/sh");
	cfg->timeout_ms = 10000;
	strcpy(cfg->binfmt_name, "rosetta");
	strcpy(cfg->binfmt_flags, "CFP");
	cfg->emergency = EMERGENCY_POWEROFF;
	cfg->verify = VERIFY_STRICT;
	cfg->selftest = 1;
	/* Generous: the stand-in translator starts slowly on an emulated CPU. */
	cfg->selftest_timeout_ms = 60000;
}

static const char *set_str(char *dst, size_t size, const char *value)
{
	if (!*value)
		return "empty value";
	size_t len = strlen(value);

	if (len >= size)
		return "value too long";
	memcpy(dst, value, len + 1);
	return NULL;
}

static const char *set_path(char *dst, size_t size, const char *value)
{
	if (value[0] != '/')
		return "not an absolute path";
	return set_str(dst, size, value);
}

static const char *set_seconds(unsigned int *ms, const char *value)
{
	char *end;
	unsigned long s;

	errno = 0;
	s = strtoul(value, &end, 10);
	if (!*value || *end || errno || value[0] == '-' || s == 0 || s > 3600)
		return "not a number of seconds from 1 to 3600";
	*ms = (unsigned int)s * 1000;
	return NULL;
}

static const char *set_root(struct config *cfg, const char *value)
{
	if (strncmp(value, "initramfs:/", 11) != 0)
		return "not initramfs:/PATH";
	return set_str(cfg->root, sizeof(cfg->root), value);
}

static const char *set_flags(struct config *cfg, const char *value)
{
	char norm[8];

	if (strlen(value) >= sizeof(norm) || binfmt_flags_normalize(value, norm) < 0)
		return "flags must be letters from P, O, C, F";
	return set_str(cfg->binfmt_flags, sizeof(cfg->binfmt_flags), value);
}

static const char *set_name(struct config *cfg, const char *value)
{
	if (strchr(value, '/') || strchr(value, ':') || !strcmp(value, ".") ||
	    !strcmp(value, "..") || !strcmp(value, "register") || !strcmp(value, "status"))
		return "not a usable binfmt_misc entry name";
	return set_str(cfg->binfmt_name, sizeof(cfg->binfmt_name), value);
}

/* Index of value in names, or -1. */
static int lookup(const char *value, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(value, names[i]))
			return (int)i;
	return -1;
}

static const char *set_emergency(struct config *cfg, const char *value)
{
	static const char *const names[] = { "poweroff", "halt", "reboot" };
	int i = lookup(value, names, sizeof(names) / sizeof(names[0]));

	if (i < 0)
		return "not one of poweroff, halt, reboot";
	cfg->emergency = (enum emergency_action)i;
	return NULL;
}

static const char *set_verify(struct config *cfg, const char *value)
{
	static const char *const names[] = { "strict", "elf", "off" };
	int i = lookup(value, names, sizeof(names) / sizeof(names[0]));

	if (i < 0)
		return "not one of strict, elf, off";
	cfg->verify = (enum verify_policy)i;
	return NULL;
}

static const char *set_bool(int *dst, const char *value)
{
	if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
		return "not 0 or 1";
	*dst = value[0] == '1';
	return NULL;
}

static const char *set_sha256(struct config *cfg, const char *value)
{
	if (strlen(value) != 64 || strspn(value, "0123456789abcdefABCDEF") != 64)
		return "not 64 hex digits";
	return set_str(cfg->sha256, sizeof(cfg->sha256), value);
}

/* Returns NULL when applied, else why the value was refused. */
static const char *apply_key(struct config *cfg, const char *key, const char *value, bool *known)
{
	*known = true;
	if (!strcmp(key, "tag"))
		return set_str(cfg->tag, sizeof(cfg->tag), value);
	if (!strcmp(key, "mount"))
		return set_path(cfg->mount, sizeof(cfg->mount), value);
	if (!strcmp(key, "root"))
		return set_root(cfg, value);
	if (!strcmp(key, "entry"))
		return set_str(cfg->entry, sizeof(cfg->entry), value);
	if (!strcmp(key, "timeout"))
		return set_seconds(&cfg->timeout_ms, value);
	if (!strcmp(key, "binfmt.name"))
		return set_name(cfg, value);
	if (!strcmp(key, "binfmt.flags"))
		return set_flags(cfg, value);
	if (!strcmp(key, "emergency"))
		return set_emergency(cfg, value);
	if (!strcmp(key, "verify"))
		return set_verify(cfg, value);
	if (!strcmp(key, "sha256"))
		return set_sha256(cfg, value);
	if (!strcmp(key, "selftest"))
		return set_bool(&cfg->selftest, value);
	if (!strcmp(key, "selftest.timeout"))
		return set_seconds(&cfg->selftest_timeout_ms, value);
	*known = false;
	return NULL;
}

/* Copy the next kernel command line word into word, dropping double quotes.
 * Returns the position after it, or NULL at the end. */
static const char *next_word(const char *p, char *word, size_t size, bool *truncated)
{
	bool quoted = false;
	size_t n = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!*p)
		return NULL;
	*truncated = false;
	for (; *p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (n + 1 < size)
			word[n++] = *p;
		else
			*truncated = true;
	}
	word[n] = '\0';
	return p;
}

int config_parse_cmdline(struct config *cfg, const char *cmdline, config_warn_fn warn, void *arg)
{
	char word[CONFIG_ENTRY_MAX + 64];
	bool truncated;
	int warnings = 0;

	while ((cmdline = next_word(cmdline, word, sizeof(word), &truncated))) {
		char *value = strchr(word, '=');
		const char *problem;
		bool known;

		if (strncmp(word, "rosetta.", 8) != 0)
			continue;
		if (value)
			*value++ = '\0';
		problem = truncated ? "value too long"
			  : value   ? apply_key(cfg, word + 8, value, &known)
				    : "missing '=VALUE'";
		if (!problem && value && !known)
			problem = "unknown key";
		if (problem) {
			warn(arg, word, problem);
			warnings++;
		}
	}
	return warnings;
}

int config_split_entry(const char *line, char *buf, size_t bufsize, char *argv[], int max)
{
	char *out = buf;
	int argc = 0;

	if (strlen(line) >= bufsize)
		return -E2BIG;
	for (const char *p = line; *p;) {
		bool quoted = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (argc == max - 1)
			return -E2BIG;
		argv[argc++] = out;
		for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++) {
			if (*p == '\'')
				quoted = !quoted;
			else
				*out++ = *p;
		}
		if (quoted)
			return -EINVAL;
		*out++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}
