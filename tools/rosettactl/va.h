/* How many bits of user virtual address the kernel gives: Rosetta is
 * linked at 0x800000000000 (bit 47), so it needs 48. Found by mapping a
 * page at the lowest address of each width; the probe takes the mapping
 * as a function so that the tests give it a kernel of any width. */
#ifndef ROSETTACTL_VA_H
#define ROSETTACTL_VA_H

#include <stdbool.h>
#include <stdint.h>

/* What Rosetta needs. */
#define RCTL_VA_BITS_NEEDED 48

/* Can a page be mapped at addr (or is one there already)? */
typedef bool (*rctl_map_fn)(uintptr_t addr, void *arg);

/* The widest of the widths arm64 kernels are built with (36, 39, 42, 47,
 * 48, 52) whose lowest address, 1 << (bits - 1), can_map accepts; 0 when
 * none. */
unsigned int rctl_va_bits_probe(rctl_map_fn can_map, void *arg);

/* can_map for this process: a fixed mapping that replaces nothing. */
bool rctl_map_here(uintptr_t addr, void *arg);

#endif
