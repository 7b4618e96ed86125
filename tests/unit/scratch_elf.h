/* A static ELF executable image for the tests that check translators and
 * interpreters: one PT_LOAD segment covering the whole file. */
#ifndef TESTS_UNIT_SCRATCH_ELF_H
#define TESTS_UNIT_SCRATCH_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "tests/unit/scratch.h"

/* Where the image says it loads, and its entry point above that. */
#define SCRATCH_ELF_VADDR 0x400000
#define SCRATCH_ELF_ENTRY (SCRATCH_ELF_VADDR + 0x100)

/* Writes DIR/rel: size bytes (at least the headers), an ET_EXEC ELF64
 * little-endian image for machine, with mode. Returns 0 or -errno. */
int scratch_put_elf(const struct scratch *s, const char *rel, size_t size, uint16_t machine,
		    mode_t mode);

#endif
