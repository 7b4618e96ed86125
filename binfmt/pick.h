/* Which entry the kernel runs for a file. binfmt_misc adds each new entry
 * at the head of its list and runs the first enabled one that matches
 * (check_file()); its directory lists the entries in that same order,
 * newest first, so read unsorted it is the order the kernel tries them. */
#ifndef BINFMT_PICK_H
#define BINFMT_PICK_H

#include <stddef.h>
#include <stdint.h>

#include "entry_model.h"

/* An ELF header (64 bytes) of an x86-64 program of e_type type (ET_EXEC,
 * ET_DYN): what the kernel reads of every program a Rosetta entry is for. */
#define BINFMT_ELF64_HEADER 64
void binfmt_x86_64_header(unsigned char header[BINFMT_ELF64_HEADER], uint16_t type);

/* The entry the kernel would run for a file whose first len bytes are
 * header (named filename, for extension entries; may be NULL): the first
 * enabled entry that matches, in the order the kernel tries them, into
 * *winner. Returns 1 with *winner filled, 0 when no enabled entry matches,
 * or -errno; an entry that cannot be read before the winner makes the
 * answer unknown: its -errno (-EINVAL for a status not understood). */
int binfmt_fs_pick(const char *dir, const unsigned char *header, size_t len, const char *filename,
		   struct binfmt_entry *winner);

#endif
