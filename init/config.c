/* The rosetta.* keys: their defaults, what each accepts, and the kernel
 * command line reader. Pure functions: the init feeds /proc/cmdline in, the
 * unit tests and fuzzers feed strings. The configuration file (config_file.c)
 * applies the same keys through config_apply(). */
#include "config.h"
#include "config_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/entry.h"
#include "lib/number.h"
#include "lib/array_size.h"

/* The warnings below spell out the sizes the fields allow. */
_Static_assert(CONFIG_STR_MAX == 256 && CONFIG_ENTRY_MAX == 1024, "update the expect texts");

#define ABS_PATH "an absolute path of at most 255 bytes"
#define FLAG	 "0 or 1, or no value"

/* Values shown in warnings are cut here: a refused entry can be 1 KiB. */
#define SHOWN_MAX 64

/* Warnings list them in this order: the shell first, as it is the one a
 * person at the console picks. */
const char *const config_emergency_names[EMERGENCY_COUNT + 1] = {
	[EMERGENCY_SHELL] = "shell",   [EMERGENCY_POWEROFF] = "poweroff", [EMERGENCY_HALT] = "halt",
	[EMERGENCY_REBOOT] = "reboot", [EMERGENCY_AUTO] = "auto",
};

const char *const config_coldplug_names[COLDPLUG_COUNT + 1] = {
	[COLDPLUG_BOOT] = "boot",
	[COLDPLUG_ALL] = "all",
	[COLDPLUG_COUNT] = NULL,
};

const char *const config_verify_names[VERIFY_COUNT + 1] = {
	[VERIFY_STRICT] = "strict",
	[VERIFY_ELF] = "elf",
	[VERIFY_OFF] = "off",
};

const char *const config_restart_names[RESTART_COUNT + 1] = {
	[RESTART_NEVER] = "never",
	[RESTART_ON_FAILURE] = "on-failure",
	[RESTART_ALWAYS] = "always",
};

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->tag, DEFAULT_TAG);
	strcpy(cfg->mount, DEFAULT_MOUNT);
	strcpy(cfg->root, DEFAULT_ROOT);
	strcpy(cfg->entry, DEFAULT_ENTRY);
	strcpy(cfg->workdir, DEFAULT_WORKDIR);
	cfg->timeout_ms = DEFAULT_TIMEOUT_S * 1000;
	strcpy(cfg->binfmt_name, DEFAULT_BINFMT_NAME);
	strcpy(cfg->binfmt_flags, DEFAULT_BINFMT_FLAGS);
	cfg->emergency = EMERGENCY_AUTO;
	cfg->verify = VERIFY_STRICT;
	cfg->coldplug = COLDPLUG_BOOT;
	cfg->selftest = 1;
	/* Generous: the stand-in translator starts slowly on an emulated CPU. */
	cfg->selftest_timeout_ms = 60000;
	cfg->shutdown_timeout_ms = 5000;
	cfg->log_level = LOG_LEVEL_NORMAL;
}

void config_warnf(struct config_report *r, const char *key, const char *fmt, ...)
{
	char problem[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(problem, sizeof(problem), fmt, ap);
	va_end(ap);
	r->count++;
	if (r->warn)
		r->warn(r->arg, r->where, key, problem);
}

void config_refuse(struct config_report *r, const char *key, const char *value, bool truncated,
		   const char *expect)
{
	bool cut = truncated || strlen(value) > SHOWN_MAX;

	config_warnf(r, key, "'%.*s%s' is not %s", SHOWN_MAX, value, cut ? "..." : "", expect);
}

bool config_number(const char *value, unsigned long min, unsigned long max, unsigned long *n)
{
	unsigned long long v;

	if (parse_unsigned(value, 10, min, max, &v) < 0)
		return false;
	*n = (unsigned long)v;
	return true;
}

/* One key: what it sets, and what it accepts, in words, for the warning. */
struct key {
	const char *name; /* after "rosetta." */
	bool (*set)(struct config *cfg, const struct key *k, const char *value);
	size_t off, size;	  /* the field, for the setters shared by several keys */
	const char *expect;	  /* completes "'VALUE' is not ...", or NULL and: */
	const char *const *names; /* one of these words (NULL-ended) */
	bool flag;		  /* may stand alone, like the kernel's `quiet` */
	bool root;		  /* refused, it fails stage root: no fallback to another tree */
};

#define FIELD(f) offsetof(struct config, f), sizeof(((struct config *)NULL)->f)
/* What a key accepts: a text, or one of a list of words. */
#define TEXT(expect)  (expect), NULL
#define ONE_OF(names) NULL, (names)

static void *field(struct config *cfg, const struct key *k)
{
	return (char *)cfg + k->off;
}

bool config_copy_text(char *dst, size_t size, const char *value)
{
	size_t len = strlen(value);

	if (!len || len >= size)
		return false;
	memcpy(dst, value, len + 1);
	return true;
}

static bool set_text(struct config *cfg, const struct key *k, const char *value)
{
	return config_copy_text(field(cfg, k), k->size, value);
}

static bool set_path(struct config *cfg, const struct key *k, const char *value)
{
	return value[0] == '/' && set_text(cfg, k, value);
}

static bool set_seconds(struct config *cfg, const struct key *k, const char *value)
{
	unsigned long s;

	if (!config_number(value, 1, 3600, &s))
		return false;
	*(unsigned int *)field(cfg, k) = (unsigned int)s * 1000;
	return true;
}

static bool set_bool(struct config *cfg, const struct key *k, const char *value)
{
	if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
		return false;
	*(int *)field(cfg, k) = value[0] == '1';
	return true;
}

static bool set_root(struct config *cfg, const struct key *k, const char *value)
{
	struct root_spec spec;

	return contract_root_parse(value, &spec) == 0 && set_text(cfg, k, value);
}

static bool set_overlay(struct config *cfg, const struct key *k, const char *value)
{
	(void)k;
	if (strcmp(value, OVERLAY_TMPFS) != 0)
		return false;
	cfg->overlay = true;
	return true;
}

/* rosetta.ro and rosetta.rw alone or =1; the later one wins. */
static bool set_root_mode(struct config *cfg, const char *value, bool ro)
{
	if (value && strcmp(value, "1") != 0)
		return false;
	cfg->root_ro = ro;
	return true;
}

static bool set_ro(struct config *cfg, const struct key *k, const char *value)
{
	(void)k;
	return set_root_mode(cfg, value, true);
}

static bool set_rw(struct config *cfg, const struct key *k, const char *value)
{
	(void)k;
	return set_root_mode(cfg, value, false);
}

static bool set_flags(struct config *cfg, const struct key *k, const char *value)
{
	char norm[8];

	return strlen(value) < sizeof(norm) && binfmt_flags_normalize(value, norm) == 0 &&
	       set_text(cfg, k, value);
}

static bool set_binfmt_name(struct config *cfg, const struct key *k, const char *value)
{
	/* ':' would end the name in the register string the init writes. */
	if (strchr(value, ':') || binfmt_name_validate(value, NULL) < 0)
		return false;
	return set_text(cfg, k, value);
}

static bool set_sha256(struct config *cfg, const struct key *k, const char *value)
{
	return strlen(value) == 64 && strspn(value, "0123456789abcdefABCDEF") == 64 &&
	       set_text(cfg, k, value);
}

int config_lookup(const char *value, const char *const names[])
{
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(value, names[i]))
			return (int)i;
	return -1;
}

const char *config_one_of(char *buf, size_t size, const char *const names[])
{
	size_t len = (size_t)snprintf(buf, size, "one of");

	for (size_t i = 0; names[i] && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s %s", i ? "," : "", names[i]);
	return buf;
}

static bool set_emergency(struct config *cfg, const struct key *k, const char *value)
{
	int i = config_lookup(value, k->names);

	if (i < 0)
		return false;
	cfg->emergency = (enum emergency_action)i;
	return true;
}

static bool set_verify(struct config *cfg, const struct key *k, const char *value)
{
	int i = config_lookup(value, k->names);

	if (i < 0)
		return false;
	cfg->verify = (enum verify_policy)i;
	return true;
}

static bool set_coldplug(struct config *cfg, const struct key *k, const char *value)
{
	int i = config_lookup(value, k->names);

	if (i < 0)
		return false;
	cfg->coldplug = (enum coldplug_mode)i;
	return true;
}

static bool set_break(struct config *cfg, const struct key *k, const char *value)
{
	return contract_stage_find(value) >= 0 && set_text(cfg, k, value);
}

/* One id of rosetta.user, len bytes of value: decimal, 0 to USER_ID_MAX. */
static bool parse_id(const char *value, size_t len, unsigned long long *id)
{
	char digits[16];

	if (len >= sizeof(digits))
		return false;
	memcpy(digits, value, len);
	digits[len] = '\0';
	return parse_unsigned(digits, 10, 0, USER_ID_MAX, id) == 0;
}

/* UID or UID:GID. Without GID the group is 0, as docker does for a numeric
 * user: the init reads no /etc/group (rosetta-mkroot writes both). */
static bool set_user(struct config *cfg, const struct key *k, const char *value)
{
	const char *colon = strchr(value, ':');
	size_t len = colon ? (size_t)(colon - value) : strlen(value);
	unsigned long long uid, gid = 0;

	(void)k;
	if (!parse_id(value, len, &uid) || (colon && !parse_id(colon + 1, strlen(colon + 1), &gid)))
		return false;
	cfg->has_user = true;
	cfg->uid = (uid_t)uid;
	cfg->gid = (gid_t)gid;
	return true;
}

/* `rosetta.quiet` alone or =1 sets the level, =0 returns to normal: the
 * later of rosetta.quiet and rosetta.debug wins. */
static bool set_level(struct config *cfg, const char *value, enum log_level level)
{
	if (value && strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
		return false;
	cfg->log_level = value && value[0] == '0' ? LOG_LEVEL_NORMAL : level;
	return true;
}

static bool set_quiet(struct config *cfg, const struct key *k, const char *value)
{
	(void)k;
	return set_level(cfg, value, LOG_LEVEL_QUIET);
}

static bool set_debug(struct config *cfg, const struct key *k, const char *value)
{
	(void)k;
	return set_level(cfg, value, LOG_LEVEL_DEBUG);
}

static const struct key keys[] = {
	{ KEY_TAG, set_text, FIELD(tag), TEXT("a virtiofs tag of 1 to 255 bytes"), false, false },
	{ KEY_MOUNT, set_path, FIELD(mount), TEXT(ABS_PATH), false, false },
	{ KEY_ROOT, set_root, FIELD(root), TEXT(contract_root_forms), false, true },
	{ KEY_ROOTFSTYPE, set_text, FIELD(rootfstype), TEXT("a filesystem type of 1 to 31 bytes"),
	  false, true },
	{ KEY_ROOTFLAGS, set_text, FIELD(rootflags), TEXT("mount options of 1 to 255 bytes"), false,
	  true },
	{ KEY_RO, set_ro, FIELD(root_ro), TEXT("1, or no value"), true, true },
	{ KEY_RW, set_rw, FIELD(root_ro), TEXT("1, or no value"), true, true },
	{ KEY_OVERLAY, set_overlay, FIELD(overlay), TEXT(OVERLAY_TMPFS), false, true },
	{ KEY_ENTRY, set_text, FIELD(entry), TEXT("a command line of 1 to 1023 bytes"), false,
	  false },
	{ KEY_TIMEOUT, set_seconds, FIELD(timeout_ms), TEXT(CONFIG_SECONDS), false, false },
	{ KEY_BINFMT_NAME, set_binfmt_name, FIELD(binfmt_name),
	  TEXT("a binfmt_misc entry name of 1 to 63 bytes without '/' or ':', other than "
	       "register, status, . and .."),
	  false, false },
	{ KEY_BINFMT_FLAGS, set_flags, FIELD(binfmt_flags), TEXT("letters from P, O, C, F"), false,
	  false },
	{ KEY_EMERGENCY, set_emergency, FIELD(emergency), ONE_OF(config_emergency_names), false,
	  false },
	{ KEY_VERIFY, set_verify, FIELD(verify), ONE_OF(config_verify_names), false, false },
	{ KEY_COLDPLUG, set_coldplug, FIELD(coldplug), ONE_OF(config_coldplug_names), false,
	  false },
	{ KEY_SHA256, set_sha256, FIELD(sha256), TEXT("64 hex digits"), false, false },
	{ KEY_SELFTEST, set_bool, FIELD(selftest), TEXT("0 or 1"), false, false },
	{ KEY_SELFTEST_TIMEOUT, set_seconds, FIELD(selftest_timeout_ms), TEXT(CONFIG_SECONDS),
	  false, false },
	{ KEY_EXEC, set_path, FIELD(exec), TEXT(ABS_PATH), false, false },
	{ KEY_SHUTDOWN_TIMEOUT, set_seconds, FIELD(shutdown_timeout_ms), TEXT(CONFIG_SECONDS),
	  false, false },
	{ KEY_BREAK, set_break, FIELD(break_stage), ONE_OF(contract_stage_names), false, false },
	{ KEY_CACHE, set_path, FIELD(cache), TEXT(ABS_PATH), false, false },
	{ KEY_QUIET, set_quiet, FIELD(log_level), TEXT(FLAG), true, false },
	{ KEY_DEBUG, set_debug, FIELD(log_level), TEXT(FLAG), true, false },
	{ KEY_WORKDIR, set_path, FIELD(workdir), TEXT(ABS_PATH), false, false },
	{ KEY_USER, set_user, FIELD(uid),
	  TEXT("UID or UID:GID, numbers from 0 to 4294967294 (no names)"), false, false },
};

static const struct key *find_key(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(name, keys[i].name))
			return &keys[i];
	return NULL;
}

size_t config_key_count(void)
{
	return ARRAY_SIZE(keys);
}

const char *config_key_name(size_t i)
{
	return i < config_key_count() ? keys[i].name : NULL;
}

/* rosetta.env.NAME=VALUE: one of the entry's variables ("NAME=VALUE"); the
 * same NAME again replaces it. */
static void set_env(struct config *cfg, const char *key, const char *name, const char *value,
		    bool truncated, struct config_report *r)
{
	static const char expect[] = "a value that fits NAME=VALUE in 255 bytes";
	size_t nlen = strlen(name), i;

	if (!contract_env_name_ok(name)) {
		config_refuse(r, key, name, false, "a variable name ([A-Za-z_][A-Za-z0-9_]*)");
		return;
	}
	if (!value) {
		config_warnf(r, key, "no value, expected %s", expect);
		return;
	}
	if (truncated || nlen + 1 + strlen(value) >= CONFIG_STR_MAX) {
		config_refuse(r, key, value, truncated, expect);
		return;
	}
	for (i = 0; i < CONFIG_ENV_MAX && cfg->env[i][0]; i++)
		if (!strncmp(cfg->env[i], name, nlen) && cfg->env[i][nlen] == '=')
			break;
	if (i == CONFIG_ENV_MAX) {
		config_warnf(r, key, "more than %d variables", CONFIG_ENV_MAX);
		return;
	}
	memcpy(cfg->env[i], name, nlen);
	cfg->env[i][nlen] = '=';
	memcpy(cfg->env[i] + nlen + 1, value, strlen(value) + 1);
}

/* A refused root key is remembered too: the default root must not boot in
 * place of the one that was asked for. */
static void refuse(struct config *cfg, const struct key *k, const char *key, const char *value,
		   bool truncated, struct config_report *r)
{
	char list[160];
	const char *expect = k->expect ? k->expect : config_one_of(list, sizeof(list), k->names);

	if (!value)
		config_warnf(r, key, "no value, expected %s", expect);
	else
		config_refuse(r, key, value, truncated, expect);
	if (k->root && !cfg->root_refused[0])
		snprintf(cfg->root_refused, sizeof(cfg->root_refused), "%s=%.*s", key, SHOWN_MAX,
			 value ? value : "");
}

/* The bit of cfg->set that key name sets: the keys an image config may set
 * too, which it must not override. */
static unsigned int set_bit(const char *name)
{
	if (!strcmp(name, KEY_ENTRY))
		return CONFIG_SET_ENTRY;
	if (!strcmp(name, KEY_WORKDIR))
		return CONFIG_SET_WORKDIR;
	return !strcmp(name, KEY_USER) ? CONFIG_SET_USER : 0;
}

void config_apply(struct config *cfg, const char *key, const char *value, bool truncated,
		  struct config_report *r)
{
	const char *name =
	    strncmp(key, KEY_PREFIX, strlen(KEY_PREFIX)) ? key : key + strlen(KEY_PREFIX);
	const struct key *k = find_key(name);

	if (!strncmp(name, KEY_ENV_PREFIX, strlen(KEY_ENV_PREFIX)))
		set_env(cfg, key, name + strlen(KEY_ENV_PREFIX), value, truncated, r);
	else if (!strncmp(name, "service.", 8))
		config_warnf(r, key, "services are declared in the configuration file only");
	else if (!k)
		config_warnf(r, key, "unknown key");
	else if ((!value && !k->flag) || truncated || !k->set(cfg, k, value))
		refuse(cfg, k, key, value, truncated, r);
	else
		cfg->set |= set_bit(k->name);
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
	struct config_report r = { .warn = warn, .arg = arg };
	/* Longer than any value a key accepts, so a cut word is a refused one.
	 * Zeroed: the analyzer cannot see that a key's tail was written. */
	char word[CONFIG_ENTRY_MAX + 64] = "";
	bool truncated;

	while ((cmdline = next_word(cmdline, word, sizeof(word), &truncated))) {
		char *value = strchr(word, '=');

		if (strncmp(word, KEY_PREFIX, strlen(KEY_PREFIX)) != 0)
			continue;
		if (value)
			*value++ = '\0';
		config_apply(cfg, word, value, truncated, &r);
	}
	return r.count;
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
			else if (*p == '\\' && !quoted && !*++p)
				return -EINVAL; /* nothing left to take as it is */
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

bool config_command_ok(const char *line)
{
	char buf[CONFIG_ENTRY_MAX], *argv[CONFIG_ARGV_MAX];

	return config_split_entry(line, buf, sizeof(buf), argv, CONFIG_ARGV_MAX) > 0 &&
	       argv[0][0] == '/';
}
