/* The native counterpart of the x86-64 self-test program that the exec
 * benchmark starts: one line, exit status 42. */
#include <unistd.h>

int main(void)
{
	static const char line[] = "tiny-aarch64\n";

	(void)!write(STDOUT_FILENO, line, sizeof(line) - 1);
	return 42;
}
