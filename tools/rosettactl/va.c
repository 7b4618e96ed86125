/* The user address width; see va.h. */
#include "va.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/array_size.h"

static const unsigned int widths[] = { 36, 39, 42, 47, 48, 52 };

unsigned int rctl_va_bits_probe(rctl_map_fn can_map, void *arg)
{
	unsigned int bits = 0;

	for (size_t i = 0; i < ARRAY_SIZE(widths); i++)
		if (can_map((uintptr_t)1 << (widths[i] - 1), arg))
			bits = widths[i];
	return bits;
}

bool rctl_map_here(uintptr_t addr, void *arg)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *p;

	(void)arg;
	/* NOLINTNEXTLINE(performance-no-int-to-ptr): the probe is of that very address */
	p = mmap((void *)addr, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		 -1, 0);
	if (p == MAP_FAILED)
		return errno == EEXIST; /* something is there: the address exists */
	munmap(p, page);
	/* Kernels before 4.17 take the flag as a hint and may map elsewhere. */
	return (uintptr_t)p == addr;
}
