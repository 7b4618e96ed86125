/* Checks shared by the configuration fuzz targets; see fuzz_config_checks.h. */
#include "fuzz_config_checks.h"

#include <stdlib.h>
#include <string.h>

void check_text(const char *s, size_t size)
{
	check(memchr(s, '\0', size) != NULL);
}

void check_seconds(unsigned int ms)
{
	check(ms >= 1000 && ms <= 3600000 && ms % 1000 == 0);
}

void check_config_fields(const struct config *cfg)
{
	struct root_spec spec;

	check_text(cfg->tag, sizeof(cfg->tag));
	check_text(cfg->mount, sizeof(cfg->mount));
	check_text(cfg->root, sizeof(cfg->root));
	check_text(cfg->rootfstype, sizeof(cfg->rootfstype));
	check_text(cfg->rootflags, sizeof(cfg->rootflags));
	check_text(cfg->root_refused, sizeof(cfg->root_refused));
	check_text(cfg->entry, sizeof(cfg->entry));
	check_text(cfg->exec, sizeof(cfg->exec));
	check_text(cfg->break_stage, sizeof(cfg->break_stage));
	check_text(cfg->cache, sizeof(cfg->cache));
	check(cfg->mount[0] == '/' && contract_root_parse(cfg->root, &spec) == 0);
	check(!cfg->exec[0] || cfg->exec[0] == '/');
	check(!cfg->cache[0] || cfg->cache[0] == '/');
	check_seconds(cfg->timeout_ms);
	check_seconds(cfg->shutdown_timeout_ms);
	check(cfg->emergency <= EMERGENCY_AUTO && cfg->log_level <= LOG_LEVEL_DEBUG);
}

/* Field by field, since padding bytes need not match. */
#define SAME_TEXT(f) (!strcmp(a->f, b->f))
#define SAME(f)	     (a->f == b->f)

int same_config(const struct config *a, const struct config *b)
{
	int same = SAME_TEXT(tag) && SAME_TEXT(mount) && SAME_TEXT(root) && SAME_TEXT(entry) &&
		   SAME_TEXT(rootfstype) && SAME_TEXT(rootflags) && SAME(root_ro) &&
		   SAME(overlay) && SAME_TEXT(root_refused) && SAME(timeout_ms) &&
		   SAME_TEXT(binfmt_name) && SAME_TEXT(binfmt_flags) && SAME(emergency) &&
		   SAME(verify) && SAME_TEXT(sha256) && SAME(selftest) &&
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
