/* A stand-in for a misbehaving translator, for the sandbox tests: what it
 * does is chosen by argv[1]. */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "binfmt/selftest.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "good";

	if (!strcmp(mode, "good")) {
		fputs(SELFTEST_LINE, stdout);
		return SELFTEST_CODE;
	}
	if (!strcmp(mode, "wrong-line")) {
		puts("hello from something else");
		return SELFTEST_CODE;
	}
	if (!strcmp(mode, "wrong-code")) {
		fputs(SELFTEST_LINE, stdout);
		return 1;
	}
	if (!strcmp(mode, "refuse")) {
		fputs("Rosetta is only intended to run on Apple Silicon\n", stderr);
		raise(SIGABRT);
	}
	if (!strcmp(mode, "mount"))
		mount("none", "/mnt", "tmpfs", 0, NULL);
	if (!strcmp(mode, "inet"))
		socket(AF_INET, SOCK_STREAM, 0);
	if (!strcmp(mode, "unix")) {
		if (socket(AF_UNIX, SOCK_STREAM, 0) < 0)
			return 3;
		fputs(SELFTEST_LINE, stdout);
		return SELFTEST_CODE;
	}
	if (!strcmp(mode, "whoami")) {
		char line[256], capeff[64] = "?";
		FILE *f = fopen("/proc/self/status", "r");

		while (f && fgets(line, sizeof(line), f))
			sscanf(line, "CapEff: %63s", capeff);
		if (f)
			fclose(f);
		printf("uid=%d gid=%d capeff=%s session-leader=%d tty=%d\n", (int)getuid(),
		       (int)getgid(), capeff, getsid(0) == getpid(), isatty(0) || isatty(1));
		return SELFTEST_CODE;
	}
	if (!strcmp(mode, "unshare"))
		unshare(CLONE_NEWNS);
	if (!strcmp(mode, "chroot"))
		chroot("/");
	if (!strcmp(mode, "io_uring"))
		syscall(SYS_io_uring_setup, 1, NULL);
	if (!strcmp(mode, "hang"))
		for (;;)
			pause();
	if (!strcmp(mode, "flood"))
		for (;;)
			fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", stdout);
	return 2;
}
