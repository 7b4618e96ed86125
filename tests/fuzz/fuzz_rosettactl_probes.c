/* rosettactl's readers of what the kernel hands a process, on any bytes: an
 * aux vector (PROC/self/auxv, which --proc may point anywhere) parses to at
 * most RCTL_AUXV_MAX entries, none AT_NULL, or is refused; a vDSO image's
 * dynamic segment is read within the image or refused. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tools/rosettactl/auxv.h"
#include "tools/rosettactl/vdso.h"

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void auxv(const uint8_t *data, size_t size)
{
	struct rctl_auxv a;
	unsigned long types[2];
	int r = rctl_auxv_parse(data, size, &a);

	check(r == 0 || r == -EINVAL || r == -E2BIG);
	check(a.n <= RCTL_AUXV_MAX);
	for (size_t i = 0; r == 0 && i < a.n; i++)
		check(a.type[i] != 0);
	check(rctl_auxv_unknown_to_rosetta(&a, types, 2) <= 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so that ASan sees any read past it. */
	unsigned char *image = malloc(size ? size : 1);
	int r;

	if (!image)
		return 0;
	memcpy(image, data, size);
	auxv(image, size);
	r = rctl_vdso_has_hash(image, size);
	check(r == 0 || r == 1 || r == -ENOEXEC);
	free(image);
	return 0;
}
