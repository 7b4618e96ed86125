/* After a failed stage, and before the stage rosetta.break names: the one
 * place that reports a failure, and the native debug shell. PID 1 never
 * exits: every path ends in shutdown_system(). */
#include "emergency.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "console.h"
#include "log.h"
#include "shutdown.h"
#include "stages.h"

static char *const shell_argv[] = { DEBUG_SHELL_PATH, NULL };
static char *const shell_env[] = {
	"PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/", "TERM=linux", "PS1=rosetta-init# ", NULL,
};

bool debug_shell_available(void)
{
	return access(DEBUG_SHELL_PATH, X_OK) == 0;
}

int debug_shell_run(const char *why)
{
	int status;
	pid_t pid;

	if (!debug_shell_available())
		return -ENOENT;
	log_warn("%s", why);
	log_warn("debug shell: %s; 'exit' leaves it", DEBUG_SHELL_PATH);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		console_session(CONSOLE_PATH);
		execve(shell_argv[0], shell_argv, shell_env);
		_exit(127);
	}
	/* PID 1 blocks SIGCHLD: a plain blocking wait for this one child. */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return 0;
}

static int action_of(enum emergency_action want)
{
	switch (want) {
	case EMERGENCY_HALT:
		return RB_HALT_SYSTEM;
	case EMERGENCY_REBOOT:
		return RB_AUTOBOOT;
	default:
		return RB_POWER_OFF;
	}
}

/* Before stage config has run, the command line's rosetta.emergency still
 * decides: an unattended launcher asks for poweroff there, and nobody could
 * type into a shell. */
static enum emergency_action wanted(const struct boot_ctx *ctx)
{
	char cmdline[CMDLINE_MAX];
	struct config cfg;

	if (ctx->configured || read_cmdline(cmdline, sizeof(cmdline)) < 0)
		return ctx->cfg.emergency;
	config_defaults(&cfg);
	config_parse_cmdline(&cfg, cmdline, NULL, NULL);
	return cfg.emergency;
}

void emergency(const struct boot_ctx *ctx, const struct failure *f)
{
	enum emergency_action want = wanted(ctx);

	failure_log(f);
	if (want == EMERGENCY_SHELL || (want == EMERGENCY_AUTO && debug_shell_available())) {
		int r = debug_shell_run("emergency: the boot stopped; the debug shell is open, "
					"and the VM powers off when it exits");

		if (r < 0)
			log_warn("emergency: no debug shell (%s): this image was built with "
				 "DEBUG_SHELL=0",
				 strerror(-r));
	}
	shutdown_system(action_of(want));
}
