/* The kernel command line reader: on any bytes, every field of the config
 * holds something a key accepts, the warnings are well formed, parsing twice
 * changes nothing, and the entry splits without overrunning its buffers. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_config_checks.h"

static void check_env(const struct config *cfg)
{
	int i;

	for (i = 0; i < CONFIG_ENV_MAX && cfg->env[i][0]; i++) {
		const char *eq = strchr(cfg->env[i], '=');

		check_text(cfg->env[i], sizeof(cfg->env[i]));
		check(eq && eq > cfg->env[i]);
		/* One slot per name. */
		for (int j = 0; j < i; j++)
			check(strncmp(cfg->env[j], cfg->env[i], (size_t)(eq - cfg->env[i]) + 1));
	}
	for (; i < CONFIG_ENV_MAX; i++)
		check(!cfg->env[i][0]);
}

static void check_config(const struct config *cfg)
{
	check_config_fields(cfg);
	check_text(cfg->binfmt_name, sizeof(cfg->binfmt_name));
	check_text(cfg->binfmt_flags, sizeof(cfg->binfmt_flags));
	check_text(cfg->sha256, sizeof(cfg->sha256));
	check(cfg->tag[0] && cfg->entry[0] && cfg->binfmt_name[0]);
	check(!cfg->break_stage[0] || contract_stage_find(cfg->break_stage) >= 0);
	check(!cfg->sha256[0] || strlen(cfg->sha256) == 64);
	check_seconds(cfg->selftest_timeout_ms);
	check(cfg->verify <= VERIFY_OFF && (cfg->selftest == 0 || cfg->selftest == 1));
	check_env(cfg);
	check(cfg->nservices == 0);
}

static void on_warning(void *arg, const char *where, const char *key, const char *problem)
{
	check(where == NULL && !strncmp(key, "rosetta.", 8) && problem[0]);
	++*(int *)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cmdline = malloc(size + 1), buf[CONFIG_ENTRY_MAX], *argv[CONFIG_ARGV_MAX];
	struct config cfg, again;
	int warnings = 0, argc;

	if (!cmdline)
		return 0;
	memcpy(cmdline, data, size);
	cmdline[size] = '\0';
	config_defaults(&cfg);
	check(config_parse_cmdline(&cfg, cmdline, on_warning, &warnings) == warnings);
	check_config(&cfg);
	again = cfg;
	config_parse_cmdline(&again, cmdline, NULL, NULL);
	check(same_config(&cfg, &again));

	argc = config_split_entry(cfg.entry, buf, sizeof(buf), argv, CONFIG_ARGV_MAX);
	check(argc == -E2BIG || argc == -EINVAL || (argc >= 0 && argc < CONFIG_ARGV_MAX));
	for (int i = 0; i < argc; i++)
		check(argv[i] >= buf && argv[i] + strlen(argv[i]) < buf + sizeof(buf));
	check(argc < 0 || argv[argc] == NULL);
	/* The raw bytes as an entry too: any length, any quotes. */
	argc = config_split_entry(cmdline, buf, sizeof(buf), argv, CONFIG_ARGV_MAX);
	check(argc == -E2BIG || argc == -EINVAL || (argc >= 0 && argv[argc] == NULL));
	free(cmdline);
	return 0;
}
