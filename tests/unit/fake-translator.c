/* A stand-in for a misbehaving translator, for the sandbox tests: what it
 * does is chosen by argv[1]. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
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
	if (!strcmp(mode, "hang"))
		for (;;)
			pause();
	if (!strcmp(mode, "flood"))
		for (;;)
			fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", stdout);
	return 2;
}
