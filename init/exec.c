/* Exec mode: rosetta-init has done the Rosetta part of the boot and gives
 * PID 1 to the tree's own init (rosetta.exec=/sbin/init). Its children, if
 * any, become that init's; services are a supervise-mode feature. */
#include "exec.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "lib/signals.h"
#include "lib/contract.h"
#include "log.h"
#include "lib/array_size.h"

static char *const env_defaults[] = {
	"PATH=" DEFAULT_PATH,
	"HOME=/",
	"TERM=linux",
};

/* Index of the entry that sets the same NAME as var, or n. */
static size_t find_name(char *const envp[], size_t n, const char *var)
{
	size_t len = strcspn(var, "=");

	for (size_t i = 0; i < n; i++)
		if (!strncmp(envp[i], var, len) && envp[i][len] == '=')
			return i;
	return n;
}

void run_env_build(const struct config *cfg, struct run_env *env)
{
	size_t n = ARRAY_SIZE(env_defaults);

	memcpy(env->envp, env_defaults, sizeof(env_defaults));
	for (size_t i = 0; i < CONFIG_ENV_MAX; i++) {
		char *var = (char *)cfg->env[i];
		size_t at;

		/* The parser refuses entries without a NAME; skip them all the same. */
		if (!strchr(var, '=') || var[0] == '=')
			continue;
		at = find_name(env->envp, n, var);
		env->envp[at] = var;
		if (at == n)
			n++;
	}
	env->envp[n] = NULL;
}

/* What exec mode leaves to the tree's init, said once so nobody wonders. */
static void warn_unstarted(const struct config *cfg)
{
	if (cfg->nservices)
		log_warn("run: rosetta.exec: %u configured service(s) not started; the tree's init "
			 "starts its own",
			 cfg->nservices);
	if (cfg->cache[0])
		log_warn(
		    "run: rosetta.exec: rosetta.cache is not started; the tree's init must run "
		    "'%s/rosettad daemon %s'",
		    cfg->mount, cfg->cache);
	if (strcmp(cfg->workdir, DEFAULT_WORKDIR) != 0 || cfg->has_user)
		log_warn("run: rosetta.exec: the entry's workdir and user are not applied; the "
			 "tree's init runs in / as root");
}

int exec_init(const struct boot_ctx *ctx, struct failure *f)
{
	char *argv[] = { (char *)ctx->cfg.exec, NULL };
	struct run_env env;
	sigset_t old;
	int err;

	warn_unstarted(&ctx->cfg);
	run_env_build(&ctx->cfg, &env);
	if (chdir("/") < 0)
		log_warn("run: changing directory to /: %s", strerror(errno));
	log_info("run: handing PID 1 to %s", argv[0]);
	/* The signal mask survives execve: an init that trusts the default
	 * mask would otherwise never see SIGCHLD or SIGTERM. */
	sigprocmask(SIG_SETMASK, NULL, &old);
	signals_reset();
	execve(argv[0], argv, env.envp);
	err = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fail(f, err,
		    "set rosetta.exec= to the tree's init (e.g. /sbin/init), or drop it to "
		    "supervise rosetta.entry",
		    "executing %s (rosetta.exec)", argv[0]);
}
