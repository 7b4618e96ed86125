/* What PID 1 runs after the switch: the environment every program it starts
 * gets, and exec mode, which hands PID 1 to the tree's own init. */
#ifndef INIT_EXEC_H
#define INIT_EXEC_H

#include "context.h"

/* PATH, HOME, TERM, then the rosetta.env entries, and the terminating NULL. */
#define RUN_ENV_MAX (3 + CONFIG_ENV_MAX + 1)

struct run_env {
	char *envp[RUN_ENV_MAX];
};

/* The defaults PATH=/usr/local/sbin:...:/bin, HOME=/, TERM=linux, then each
 * "NAME=VALUE" of cfg->env, replacing a default of the same NAME or added.
 * The strings stay in cfg, which must outlive env. */
void run_env_build(const struct config *cfg, struct run_env *env);

/* Exec mode (rosetta.exec=PATH): execve PATH as PID 1, in /, with the run
 * environment and every signal unblocked. Returns only when execve failed:
 * -1 with f filled, so the caller applies the emergency policy. */
int exec_init(const struct boot_ctx *ctx, struct failure *f);

#endif
