/* The configuration file (/etc/rosetta-init.conf in the initramfs): its
 * lines, and the service.NAME.* keys only it declares. Every other key is a
 * command line key (config.c), written with or without "rosetta.". */
#include "config_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/whole_file.h"
#include "lib/array_size.h"

/* One file being parsed: where warnings point, and the line that first named
 * each service, for the warning that drops one without argv. */
struct file_parse {
	struct config_report r;
	char where[CONFIG_STR_MAX + 16];
	unsigned int first_line[CONFIG_SERVICES_MAX];
	bool image; /* an image config: image_key_ok() keys only */
};

/* One service.NAME.FIELD key. */
struct service_key {
	const char *name;
	bool (*set)(struct service_config *s, const char *value);
	const char *expect;	  /* completes "'VALUE' is not ...", or NULL and: */
	const char *const *names; /* one of these words (NULL-ended) */
};

static bool set_argv(struct service_config *s, const char *value)
{
	return config_command_ok(value) &&
	       config_copy_text(s->argv_line, sizeof(s->argv_line), value);
}

static bool set_restart(struct service_config *s, const char *value)
{
	int i = config_lookup(value, config_restart_names);

	if (i < 0)
		return false;
	s->restart = (enum restart_policy)i;
	return true;
}

/* Seconds, to the millisecond ("0.2"): a service that fails fast may be
 * worth retrying sooner than a second. */
static bool set_backoff(struct service_config *s, const char *value)
{
	char whole[8];
	const char *dot = strchr(value, '.');
	size_t len = dot ? (size_t)(dot - value) : strlen(value);
	unsigned long n, frac = 0;
	size_t decimals = dot ? strlen(dot + 1) : 0;

	if (len >= sizeof(whole) || (dot && (decimals < 1 || decimals > 3)))
		return false;
	memcpy(whole, value, len);
	whole[len] = '\0';
	if (!config_number(whole, 0, 3600, &n) || (dot && !config_number(dot + 1, 0, 999, &frac)))
		return false;
	while (decimals++ < 3)
		frac *= 10;
	n = n * 1000 + frac;
	if (n < 10 || n > 3600000)
		return false;
	s->backoff_ms = (unsigned int)n;
	return true;
}

static bool set_max_restarts(struct service_config *s, const char *value)
{
	unsigned long n;

	if (!config_number(value, 0, 10000, &n))
		return false;
	s->max_restarts = (unsigned int)n;
	return true;
}

/* Names only: the supervisor resolves them with libseccomp, which knows
 * which exist on this architecture. */
static bool set_deny(struct service_config *s, const char *value)
{
	for (const char *p = value;; p++) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");

		if (n == 0)
			return false;
		p += n;
		if (!*p)
			break;
		if (*p != ',')
			return false;
	}
	return config_copy_text(s->deny, sizeof(s->deny), value);
}

static const struct service_key service_keys[] = {
	{ "argv", set_argv,
	  "a command line of at most 255 bytes and 31 words, the first an absolute path", NULL },
	{ "restart", set_restart, NULL, config_restart_names },
	{ "backoff", set_backoff, "a number of seconds from 0.01 to 3600, with at most 3 decimals",
	  NULL },
	{ "max-restarts", set_max_restarts, "a number from 0 (no limit) to 10000", NULL },
	{ "deny", set_deny,
	  "system call names (a-z, 0-9, _) separated by commas, at most 255 bytes", NULL },
};

/* What key accepts, in words, into buf when it is a list. */
static const char *expect_of(const struct service_key *sk, char *buf, size_t size)
{
	return sk->expect ? sk->expect : config_one_of(buf, size, sk->names);
}

static const struct service_key *find_service_key(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(service_keys); i++)
		if (!strcmp(name, service_keys[i].name))
			return &service_keys[i];
	return NULL;
}

static bool service_name_ok(const char *name, size_t len)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-");

	return len > 0 && len < sizeof(((struct service_config *)NULL)->name) && n >= len;
}

/* The service called name (len bytes), created with its defaults when new;
 * NULL when there is no room left. */
static struct service_config *get_service(struct config *cfg, struct file_parse *st,
					  const char *name, size_t len, unsigned int line)
{
	struct service_config *s;

	for (unsigned int i = 0; i < cfg->nservices; i++)
		if (!strncmp(cfg->services[i].name, name, len) && !cfg->services[i].name[len])
			return &cfg->services[i];
	if (cfg->nservices == CONFIG_SERVICES_MAX)
		return NULL;
	st->first_line[cfg->nservices] = line;
	s = &cfg->services[cfg->nservices++];
	memset(s, 0, sizeof(*s));
	memcpy(s->name, name, len);
	s->restart = RESTART_ON_FAILURE;
	s->backoff_ms = 1000;
	s->max_restarts = 5;
	return s;
}

/* key as written; rest is what follows "service.": NAME.FIELD. */
static void apply_service(struct config *cfg, struct file_parse *st, unsigned int line,
			  const char *key, const char *rest, const char *value, bool truncated)
{
	const char *dot = strchr(rest, '.');
	size_t len = dot ? (size_t)(dot - rest) : strlen(rest);
	const struct service_key *sk = dot ? find_service_key(dot + 1) : NULL;
	struct service_config *s;
	char list[64];

	if (!sk) {
		config_warnf(&st->r, key, "unknown key");
	} else if (!service_name_ok(rest, len)) {
		config_warnf(&st->r, key,
			     "'%.*s' is not a service name (1 to 31 of a-z, 0-9, _, -)",
			     (int)(len > 64 ? 64 : len), rest);
	} else if (!value) {
		config_warnf(&st->r, key, "no value, expected %s",
			     expect_of(sk, list, sizeof(list)));
	} else if (!(s = get_service(cfg, st, rest, len, line))) {
		config_warnf(&st->r, key, "more than %d services", CONFIG_SERVICES_MAX);
	} else if (truncated || !sk->set(s, value)) {
		config_refuse(&st->r, key, value, truncated, expect_of(sk, list, sizeof(list)));
	}
}

/* What an image's configuration is made of; the boot's own keys (the root,
 * the translator, services) are not an image's to set. name is the key
 * without "rosetta.". */
static bool image_key_ok(const char *name)
{
	return !strcmp(name, KEY_ENTRY) || !strcmp(name, KEY_WORKDIR) || !strcmp(name, KEY_USER) ||
	       !strncmp(name, KEY_ENV_PREFIX, strlen(KEY_ENV_PREFIX));
}

static char *skip_blanks(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void trim_blanks(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Remove the double quotes of value, as the kernel does on its command line,
 * and the blanks that end it outside quotes. */
static void unquote(char *value)
{
	bool quoted = false;
	char *out = value, *end = value;

	for (const char *p = value; *p; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		*out++ = *p;
		if (quoted || (*p != ' ' && *p != '\t' && *p != '\r'))
			end = out;
	}
	*end = '\0';
}

static bool quotes_paired(const char *value)
{
	size_t n = 0;

	for (; (value = strchr(value, '"')); value++)
		n++;
	return n % 2 == 0;
}

/* One line, without its newline: blank, a '#' comment, KEY or KEY=VALUE
 * (blanks around both are dropped). */
static void parse_line(struct config *cfg, struct file_parse *st, unsigned int line,
		       const char *text, size_t len)
{
	/* Longer than any value a key accepts, so a cut line is a refused one. */
	char buf[CONFIG_ENTRY_MAX + 64];
	bool truncated = len >= sizeof(buf);
	size_t n = truncated ? sizeof(buf) - 1 : len;
	bool nul = memchr(text, '\0', n) != NULL;
	char *key, *value, *eq;
	const char *name;

	memcpy(buf, text, n);
	buf[n] = '\0';
	key = skip_blanks(buf);
	if ((!*key && !nul) || *key == '#')
		return;
	eq = strchr(key, '=');
	if (eq)
		*eq = '\0';
	value = eq ? skip_blanks(eq + 1) : NULL;
	trim_blanks(key);
	if (nul) {
		config_warnf(&st->r, key, "a NUL byte in the line");
		return;
	}
	if (!*key) {
		config_warnf(&st->r, key, "no key before '='");
		return;
	}
	/* An image's file is rosetta-mkroot's: its values are taken as they are. */
	if (st->image && eq)
		value = eq + 1;
	else if (value && !quotes_paired(value)) {
		config_refuse(&st->r, key, value, truncated, "a value with paired double quotes");
		return;
	}
	if (value && !st->image)
		unquote(value);
	name = strncmp(key, "rosetta.", 8) ? key : key + 8;
	if (st->image && !image_key_ok(name))
		config_warnf(&st->r, key,
			     "not a key of an image config (entry, env.NAME, workdir, "
			     "user)");
	else if (!strncmp(name, "service.", 8))
		apply_service(cfg, st, line, key, name + 8, value, truncated);
	else
		config_apply(cfg, key, value, truncated, &st->r);
}

/* A service needs a program; warn where it was first named. */
static void drop_services_without_argv(struct config *cfg, struct file_parse *st,
				       const char *filename)
{
	unsigned int kept = 0;

	for (unsigned int i = 0; i < cfg->nservices; i++) {
		char key[48];

		if (cfg->services[i].argv_line[0]) {
			cfg->services[kept] = cfg->services[i];
			st->first_line[kept++] = st->first_line[i];
			continue;
		}
		if (st->first_line[i])
			snprintf(st->where, sizeof(st->where), "%s:%u", filename,
				 st->first_line[i]);
		else
			snprintf(st->where, sizeof(st->where), "%s", filename);
		snprintf(key, sizeof(key), "service.%s", cfg->services[i].name);
		config_warnf(&st->r, key, "no service.%s.argv, service dropped",
			     cfg->services[i].name);
	}
	/* Unused slots stay zero, as config_defaults() left them. */
	memset(&cfg->services[kept], 0, (cfg->nservices - kept) * sizeof(cfg->services[0]));
	cfg->nservices = kept;
}

static int parse_text(struct config *cfg, struct file_parse *st, const char *text, size_t len,
		      const char *filename)
{
	const char *end = text + len;
	unsigned int line = 0;

	st->r.where = st->where;
	for (const char *p = text; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		snprintf(st->where, sizeof(st->where), "%s:%u", filename, line + 1);
		parse_line(cfg, st, line + 1, p, (size_t)(eol - p));
		p = nl ? nl + 1 : end;
	}
	drop_services_without_argv(cfg, st, filename);
	return st->r.count;
}

int config_parse_file_text(struct config *cfg, const char *text, size_t len, const char *filename,
			   config_warn_fn warn, void *arg)
{
	struct file_parse st = { .r = { .warn = warn, .arg = arg } };

	return parse_text(cfg, &st, text, len, filename);
}

int config_parse_image_text(struct config *cfg, const char *text, size_t len, const char *filename,
			    config_warn_fn warn, void *arg)
{
	struct file_parse st = { .r = { .warn = warn, .arg = arg }, .image = true };

	return parse_text(cfg, &st, text, len, filename);
}

int config_read_file(struct config *cfg, const char *path, config_warn_fn warn, void *arg)
{
	char *text = NULL;
	size_t len = 0;
	int rc = read_whole_file(path, CONFIG_FILE_MAX, &text, &len);

	if (rc == -ENOENT)
		return 0; /* no file is the usual case */
	if (rc == 0)
		rc = config_parse_file_text(cfg, text, len, path, warn, arg);
	free(text);
	return rc;
}
