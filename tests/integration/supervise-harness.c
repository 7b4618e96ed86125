/* Runs rosetta-init's stage run on the host, as PID 1 of a new PID
 * namespace: the supervisor, the services and the shutdown the init runs
 * after the switch, configured by a file in /etc/rosetta-init.conf's syntax
 * (read by the init's own parser) and with the entry given on the command
 * line. The final reboot(2) is replaced by a line naming the action, and the
 * harness then exits with the entry's status as a shell reports it (255 when
 * the entry was never reaped).
 *
 * Usage: supervise-harness [OPTION...] -- ENTRY [ARG...]
 *   -f FILE          the configuration (services, env.*, shutdown.timeout,
 *                    mount and cache, exec); without it, the defaults
 *   -l DIR           where rosettad's socket is linked (default /run/rosettad)
 *   -u ROOT          unmount what is below ROOT at shutdown (default: nothing)
 *   -b DIR           unregister the F entries of this binfmt_misc at shutdown
 *   -x COMMAND       run with /bin/sh -c just before the (pretend) reboot
 * With exec= in FILE (rosetta.exec), the entry may be left out; when the
 * exec fails, the failure is printed and the harness exits 1.
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

#include "init/log.h"
#include "init/shutdown.h"
#include "init/stages.h"
#include "init/supervise.h"
#include "lib/signals.h"

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

static void pretend_reboot(void *arg, int how)
{
	const struct supervisor *sv = arg;
	int status = sv->entry_status;

	dprintf(STDERR_FILENO, "harness: reboot(%s)\n", shutdown_action_name(how));
	dprintf(STDERR_FILENO, "harness: orphans reaped: %lu\n", sv->orphans);
	if (at_reboot)
		run_shell(at_reboot);
	if (!sv->entry_done)
		_exit(255);
	_exit(WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
}

/* As stage config logs them. */
static void warn_key(void *arg, const char *where, const char *key, const char *problem)
{
	(void)arg;
	log_warn("%s: %s%s%s (ignored)", where, key, *key ? ": " : "", problem);
}

/* The configuration file must exist: the init's reader takes a missing one
 * for the defaults, and a test would then check something else. */
static int read_config(const char *path, struct config *cfg)
{
	int r = access(path, R_OK) < 0 ? -errno : config_read_file(cfg, path, warn_key, NULL);

	if (r < 0)
		fprintf(stderr, "supervise-harness: %s: %s\n", path, strerror(-r));
	return r;
}

static int parse_options(int argc, char **argv, struct boot_ctx *ctx)
{
	int c;

	while ((c = getopt(argc, argv, "+f:l:u:b:x:")) != -1) {
		switch (c) {
		case 'f':
			if (read_config(optarg, &ctx->cfg) < 0)
				return -1;
			break;
		case 'l':
			ctx->rosettad_dir = optarg;
			break;
		case 'u':
			ctx->shutdown_root = optarg;
			break;
		case 'b':
			ctx->binfmt_dir = optarg;
			break;
		case 'x':
			at_reboot = optarg;
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
	static struct boot_ctx ctx = {
		.translator_fd = -1,
		.oldroot_fd = -1,
		.rosettad_dir = "/run/rosettad",
		.reboot = pretend_reboot,
	};
	struct failure f = { .stage = "run" };
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
	if (parse_options(argc, argv, &ctx) < 0) {
		fprintf(stderr, "Usage: supervise-harness [-f FILE] [-l DIR] [-u ROOT] [-b DIR] "
				"[-x CMD] -- ENTRY [ARG...]\n");
		return 2;
	}
	log_set_level(ctx.cfg.log_level);
	supervise_signals(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	stage_run(&ctx, &f);
	fprintf(stderr, "%s failed: %s: %s\nremedy: %s\n", f.stage, f.what, strerror(f.err),
		f.remedy);
	return 1;
}
