/* A dynamically linked aarch64 program (it has PT_INTERP): the verify stage
 * must refuse it as a translator. */
#include <stdio.h>

int main(void)
{
	puts("a dynamic aarch64 program");
	return 0;
}
