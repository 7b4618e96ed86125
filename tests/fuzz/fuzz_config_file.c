/* The configuration file parser: on any bytes, every service it keeps is
 * one the supervisor can start, the other fields hold what a key accepts,
 * every warning points at FILE:LINE, and applying the file twice is applying
 * it once (the last value of each key wins, services are found by name). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "init/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_text(const char *s, size_t size)
{
	check(memchr(s, '\0', size) != NULL);
}

static void check_seconds(unsigned int ms)
{
	check(ms >= 1000 && ms <= 3600000 && ms % 1000 == 0);
}

static void check_service(const struct service_config *s)
{
	char buf[CONFIG_ENTRY_MAX], *argv[CONFIG_ARGV_MAX];
	size_t len;

	check_text(s->name, sizeof(s->name));
	check_text(s->argv_line, sizeof(s->argv_line));
	check_text(s->deny, sizeof(s->deny));
	len = strlen(s->name);
	check(len > 0 && strspn(s->name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len);
	check(config_split_entry(s->argv_line, buf, sizeof(buf), argv, CONFIG_ARGV_MAX) > 0);
	check(argv[0][0] == '/');
	check(s->restart <= RESTART_ALWAYS && s->max_restarts <= 10000);
	check_seconds(s->backoff_ms);
	len = strlen(s->deny);
	check(strspn(s->deny, "abcdefghijklmnopqrstuvwxyz0123456789_,") == len);
	check(!len || (s->deny[0] != ',' && s->deny[len - 1] != ',' && !strstr(s->deny, ",,")));
}

static void check_config(const struct config *cfg)
{
	check_text(cfg->tag, sizeof(cfg->tag));
	check_text(cfg->mount, sizeof(cfg->mount));
	check_text(cfg->root, sizeof(cfg->root));
	check_text(cfg->entry, sizeof(cfg->entry));
	check_text(cfg->exec, sizeof(cfg->exec));
	check_text(cfg->break_stage, sizeof(cfg->break_stage));
	check_text(cfg->cache, sizeof(cfg->cache));
	check(cfg->mount[0] == '/' && !strncmp(cfg->root, "initramfs:/", 11));
	check(!cfg->exec[0] || cfg->exec[0] == '/');
	check(!cfg->cache[0] || cfg->cache[0] == '/');
	check_seconds(cfg->timeout_ms);
	check_seconds(cfg->shutdown_timeout_ms);
	check(cfg->emergency <= EMERGENCY_AUTO && cfg->log_level <= LOG_LEVEL_DEBUG);
	for (int i = 0; i < CONFIG_ENV_MAX; i++) {
		check_text(cfg->env[i], sizeof(cfg->env[i]));
		check(!cfg->env[i][0] || strchr(cfg->env[i], '=') > cfg->env[i]);
	}
	check(cfg->nservices <= CONFIG_SERVICES_MAX);
	for (unsigned int i = 0; i < cfg->nservices; i++) {
		check_service(&cfg->services[i]);
		for (unsigned int j = 0; j < i; j++)
			check(strcmp(cfg->services[i].name, cfg->services[j].name) != 0);
	}
}

/* Field by field, since padding bytes need not match. */
#define SAME_TEXT(f) (!strcmp(a->f, b->f))
#define SAME(f)	     (a->f == b->f)

static int same_config(const struct config *a, const struct config *b)
{
	int same = SAME_TEXT(tag) && SAME_TEXT(mount) && SAME_TEXT(root) && SAME_TEXT(entry) &&
		   SAME(timeout_ms) && SAME_TEXT(binfmt_name) && SAME_TEXT(binfmt_flags) &&
		   SAME(emergency) && SAME(verify) && SAME_TEXT(sha256) && SAME(selftest) &&
		   SAME(selftest_timeout_ms) && SAME_TEXT(exec) && SAME(shutdown_timeout_ms) &&
		   SAME_TEXT(break_stage) && SAME_TEXT(cache) && SAME(log_level) && SAME(nservices);

	for (int i = 0; same && i < CONFIG_ENV_MAX; i++)
		same = SAME_TEXT(env[i]);
	for (unsigned int i = 0; same && i < a->nservices; i++)
		same = SAME_TEXT(services[i].name) && SAME_TEXT(services[i].argv_line) &&
		       SAME(services[i].restart) && SAME(services[i].backoff_ms) &&
		       SAME(services[i].max_restarts) && SAME_TEXT(services[i].deny);
	return same;
}

/* "f.conf" or "f.conf:LINE". */
static void on_warning(void *arg, const char *where, const char *key, const char *problem)
{
	check(where && !strncmp(where, "f.conf", 6) && key && problem[0]);
	if (where[6])
		check(where[6] == ':' && where[7] &&
		      strspn(where + 7, "0123456789") == strlen(where + 7));
	++*(int *)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg, again;
	int warnings = 0;

	config_defaults(&cfg);
	check(config_parse_file_text(&cfg, (const char *)data, size, "f.conf", on_warning,
				     &warnings) == warnings);
	check_config(&cfg);
	again = cfg;
	config_parse_file_text(&again, (const char *)data, size, "f.conf", NULL, NULL);
	check(same_config(&cfg, &again));
	return 0;
}
