/* A tiny static aarch64 program for the integration tests. On an x86-64
 * host it runs only through a binfmt_misc handler (qemu-aarch64-static), so
 * seeing its output proves the handler ran it. It echoes its arguments to
 * show they arrive, and exits 7 to show the exit status comes back. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello from aarch64");
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	putchar('\n');
	return fflush(stdout) == 0 ? 7 : 1;
}
