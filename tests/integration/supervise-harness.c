/* Runs rosetta-init's supervisor and shutdown on the host, as PID 1 of a new
 * PID namespace, with the entry given on the command line: what the init
 * does after the switch, except that the final reboot(2) is replaced by a
 * line naming the action, and the harness then exits with the entry's
 * status as a shell reports it (255 when the entry was never reaped).
 *
 * Usage: supervise-harness [OPTION...] -- ENTRY [ARG...]
 *   -t MS            shutdown timeout (SIGTERM to SIGKILL)
 *   -e NAME=VALUE    an environment entry (rosetta.env)
 *   -s SPEC          a service: NAME;POLICY;BACKOFF_MS;MAX_RESTARTS;DENY;COMMAND
 *   -m MOUNT         the share (rosetta.mount), for -c
 *   -c CACHE         rosetta.cache: run MOUNT/rosettad daemon CACHE
 *   -l DIR           where rosettad's socket is linked (default /run/rosettad)
 *   -u ROOT          unmount what is below ROOT at shutdown (default: nothing)
 *   -b DIR           unregister the F entries of this binfmt_misc at shutdown
 *   -x COMMAND       run with /bin/sh -c just before the (pretend) reboot
 *   -E PATH          exec mode (rosetta.exec): exec PATH as PID 1; when that
 *                    fails, print the failure and exit 1
 *       supervise-harness classify
 * checks supervise_power_request on made-up senders, printing PASS or FAIL
 * lines. Run as rosettad (by a link of that name), it is a stand-in for the
 * AOT cache daemon: `rosettad daemon DIR` listens on DIR/uds/rosetta.sock. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init/shutdown.h"
#include "init/supervise.h"
#include "lib/signals.h"

static struct supervisor sv;
static const char *at_reboot;

static void run_shell(const char *command)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		signals_reset();
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
}

static void pretend_reboot(int how)
{
	int status = sv.entry_status;

	dprintf(STDERR_FILENO, "harness: reboot(%s)\n", shutdown_action_name(how));
	dprintf(STDERR_FILENO, "harness: orphans reaped: %lu\n", sv.orphans);
	if (at_reboot)
		run_shell(at_reboot);
	if (!sv.entry_done)
		_exit(255);
	_exit(WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
}

static int parse_service(char *spec, struct service_config *sc)
{
	static const char *const policies[] = { "never", "on-failure", "always" };
	char *field[6];

	for (int i = 0; i < 5; i++) {
		field[i] = spec;
		spec = strchr(spec, ';');
		if (!spec)
			return -1;
		*spec++ = '\0';
	}
	field[5] = spec;
	snprintf(sc->name, sizeof(sc->name), "%s", field[0]);
	sc->restart = RESTART_NEVER;
	for (int i = 0; i < 3; i++)
		if (!strcmp(field[1], policies[i]))
			sc->restart = (enum restart_policy)i;
	sc->backoff_ms = (unsigned int)strtoul(field[2], NULL, 10);
	sc->max_restarts = (unsigned int)strtoul(field[3], NULL, 10);
	snprintf(sc->deny, sizeof(sc->deny), "%s", field[4]);
	snprintf(sc->argv_line, sizeof(sc->argv_line), "%s", field[5]);
	return 0;
}

static int parse_options(int argc, char **argv, struct boot_ctx *ctx, struct shutdown_opts *so)
{
	unsigned int nenv = 0;
	int c;

	while ((c = getopt(argc, argv, "+t:e:s:m:c:l:u:b:x:E:")) != -1) {
		struct config *cfg = &ctx->cfg;

		switch (c) {
		case 't':
			so->timeout_ms = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'e':
			if (nenv < CONFIG_ENV_MAX)
				snprintf(cfg->env[nenv++], CONFIG_STR_MAX, "%s", optarg);
			break;
		case 's':
			if (cfg->nservices >= CONFIG_SERVICES_MAX ||
			    parse_service(optarg, &cfg->services[cfg->nservices]) < 0)
				return -1;
			cfg->nservices++;
			break;
		case 'm':
			snprintf(cfg->mount, sizeof(cfg->mount), "%s", optarg);
			break;
		case 'c':
			snprintf(cfg->cache, sizeof(cfg->cache), "%s", optarg);
			break;
		case 'l':
			sv.rosettad_dir = optarg;
			break;
		case 'u':
			so->mountinfo = "/proc/self/mountinfo";
			so->root = optarg;
			break;
		case 'b':
			so->binfmt_dir = optarg;
			break;
		case 'x':
			at_reboot = optarg;
			break;
		case 'E':
			snprintf(cfg->exec, sizeof(cfg->exec), "%s", optarg);
			break;
		default:
			return -1;
		}
	}
	if ((optind >= argc && !ctx->cfg.exec[0]) || argc - optind >= CONFIG_ARGV_MAX)
		return -1;
	for (int i = optind; i < argc; i++)
		ctx->entry_argv[i - optind] = argv[i];
	return 0;
}

static void check(const char *what, int got, int expected)
{
	printf("%s %s (got %s)\n", got == expected ? "PASS" : "FAIL", what,
	       got ? shutdown_action_name(got) : "forward");
}

/* Senders made up from this process: its own pid and session stand for a
 * process of the entry's session. */
static int classify(void)
{
	siginfo_t si = { .si_code = SI_USER };
	pid_t self = getpid(), sid = getsid(0), gone = fork();

	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	si.si_signo = SIGINT, si.si_code = SI_KERNEL;
	check("ctrl-alt-del (SIGINT from the kernel) reboots", supervise_power_request(&si, sid),
	      RB_AUTOBOOT);
	si.si_code = SI_USER, si.si_pid = self;
	check("SIGINT from the session is forwarded", supervise_power_request(&si, sid), 0);
	si.si_signo = SIGUSR1;
	check("SIGUSR1 from the session halts", supervise_power_request(&si, sid), RB_HALT_SYSTEM);
	si.si_signo = SIGUSR2;
	check("SIGUSR2 from the session powers off", supervise_power_request(&si, sid),
	      RB_POWER_OFF);
	si.si_signo = SIGTERM;
	check("SIGTERM from the session reboots", supervise_power_request(&si, sid), RB_AUTOBOOT);
	si.si_signo = SIGHUP;
	check("SIGHUP from the session is forwarded", supervise_power_request(&si, sid), 0);
	si.si_signo = SIGWINCH;
	check("SIGWINCH from the session is forwarded", supervise_power_request(&si, sid), 0);
	si.si_signo = SIGUSR2, si.si_pid = 0;
	check("SIGUSR2 from another PID namespace is forwarded", supervise_power_request(&si, sid),
	      0);
	si.si_pid = self;
	check("SIGUSR2 from another session is forwarded",
	      supervise_power_request(&si, sid == 1 ? 2 : 1), 0);
	si.si_pid = gone;
	check("SIGUSR2 from a sender already reaped powers off", supervise_power_request(&si, sid),
	      RB_POWER_OFF);
	return 0;
}

/* The stand-in for `rosettad daemon DIR`: a listening socket, then waits. */
static int fake_rosettad(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char dir[sizeof(sa.sun_path)];
	int fd;

	if (argc != 3 || strcmp(argv[1], "daemon") != 0)
		return 2;
	snprintf(dir, sizeof(dir), "%s/uds", argv[2]);
	mkdir(dir, 0755);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/rosetta.sock", dir) >=
		(int)sizeof(sa.sun_path) ||
	    fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 8) < 0) {
		fprintf(stderr, "fake rosettad: %s: %s\n", sa.sun_path, strerror(errno));
		return 1;
	}
	fprintf(stderr, "fake rosettad: listening on %s\n", sa.sun_path);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	static struct boot_ctx ctx;
	struct shutdown_opts so = { .timeout_ms = 3000, .reboot = pretend_reboot };
	const char *base = strrchr(argv[0], '/');
	sigset_t set;

	if (!strcmp(base ? base + 1 : argv[0], "rosettad"))
		return fake_rosettad(argc, argv);
	if (argc == 2 && !strcmp(argv[1], "classify"))
		return classify();
	/* kill(-1) at shutdown would reach every process of this user. */
	if (getpid() != 1) {
		fprintf(stderr, "supervise-harness: must run as PID 1 of a new PID namespace\n");
		return 2;
	}
	config_defaults(&ctx.cfg);
	sv.ctx = &ctx;
	sv.rosettad_dir = "/run/rosettad";
	if (parse_options(argc, argv, &ctx, &so) < 0) {
		fprintf(stderr,
			"Usage: supervise-harness [-t MS] [-e NAME=VALUE] [-s SPEC] [-m "
			"MOUNT -c CACHE] [-l DIR] [-u ROOT] [-b DIR] [-x CMD] [-E PATH] -- ENTRY "
			"[ARG...]\n");
		return 2;
	}
	supervise_signals(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (ctx.cfg.exec[0]) {
		struct failure f = { .stage = "run" };

		exec_init(&ctx, &f);
		fprintf(stderr, "%s failed: %s: %s\nremedy: %s\n", f.stage, f.what, strerror(f.err),
			f.remedy);
		return 1;
	}
	so.reaped = supervise_reaped;
	so.arg = &sv;
	shutdown_run(&so, supervise(&sv));
}
