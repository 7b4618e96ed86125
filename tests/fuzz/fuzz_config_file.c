/* The configuration file parser: on any bytes, every service it keeps is
 * one the supervisor can start, the other fields hold what a key accepts,
 * every warning points at FILE:LINE, and applying the file twice is applying
 * it once (the last value of each key wins, services are found by name). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_config_checks.h"

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
	check(s->backoff_ms >= 10 && s->backoff_ms <= 3600000);
	len = strlen(s->deny);
	check(strspn(s->deny, "abcdefghijklmnopqrstuvwxyz0123456789_,") == len);
	check(!len || (s->deny[0] != ',' && s->deny[len - 1] != ',' && !strstr(s->deny, ",,")));
}

static void check_config(const struct config *cfg)
{
	check_config_fields(cfg);
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
