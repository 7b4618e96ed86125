/* An aarch64 program that is not a translator. Built dynamically linked, the
 * verify stage must refuse it (PT_INTERP); built static, it passes verify and
 * the self-test must catch it. */
#include <stdio.h>

int main(void)
{
	puts("not a translator");
	return 0;
}
