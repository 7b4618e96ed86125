/* The binfmt_misc entry model: what a handler matches and which interpreter
 * it runs, the kernel's limits on it, and the rules every entry keeps. */
#ifndef BINFMT_ENTRY_MODEL_H
#define BINFMT_ENTRY_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "rule.h"

/* The kernel's limits, as fs/binfmt_misc.c of Linux 6.1 sets them, so that
 * every entry a kernel holds can be read and written back. */
#define BINFMT_REGISTER_MAX 1920 /* MAX_REGISTER_LENGTH: the longest register write */
/* BINPRM_BUF_SIZE, the bytes of a file the kernel reads to match it: offset
 * + magic length may not exceed it. 256 since Linux 5.1, 128 before (older
 * kernels refuse longer entries with EINVAL). */
#define BINFMT_MAGIC_MAX 256
/* NAME_MAX: create_entry() sets no length of its own, but the entry's file
 * is made with lookup_one_len(), whose simple_lookup() refuses a longer
 * name with ENAMETOOLONG. */
#define BINFMT_NAME_MAX 255
/* The interpreter and an extension have no limit of their own in
 * create_entry(): the register string bounds them (its other fields take at
 * least 10 bytes). Their fields hold BINFMT_FIELD_MAX bytes, NUL included. */
#define BINFMT_FIELD_MAX BINFMT_REGISTER_MAX
#define BINFMT_PATH_MAX	 BINFMT_FIELD_MAX

struct binfmt_entry {
	char name[BINFMT_NAME_MAX + 1];
	char type; /* 'M' magic, 'E' extension */
	unsigned int offset;
	/* 'M': up to BINFMT_MAGIC_MAX bytes; 'E': the extension, no dot */
	unsigned char magic[BINFMT_FIELD_MAX];
	size_t magic_len;
	unsigned char mask[BINFMT_MAGIC_MAX];
	size_t mask_len; /* 0: no mask */
	char interpreter[BINFMT_PATH_MAX];
	char flags[8]; /* a subset of "POCF", in that order */
};

/* Fill e with the Rosetta handler: x86-64 ELF executables (ET_EXEC or
 * ET_DYN) run through interpreter. flags is any subset of "POCF".
 * Returns 0, -EINVAL for a bad flag or name, -ENAMETOOLONG. */
int binfmt_entry_rosetta(struct binfmt_entry *e, const char *name, const char *interpreter,
			 const char *flags);

/* Normalize a flags string to the kernel's order "POCF", C implying O as the
 * kernel applies it. Returns 0 or -EINVAL for a letter outside P O C F. */
int binfmt_flags_normalize(const char *flags, char out[8]);

/* Can name be an entry's? 1 to 255 bytes (the name must fit in
 * e->name), no '/', none of ".", "..", "register", "status" (the
 * directory's own names, refused by systemd-binfmt too). Returns 0 or
 * -EINVAL with BINFMT_E_NAME in rule (may be NULL). */
int binfmt_name_validate(const char *name, struct binfmt_rule *rule);

/* Check e against the kernel's rules and ours: a name the kernel and
 * systemd-binfmt accept (1..255 bytes, not "register"/"status"), magic
 * 1..256 bytes, the mask as long as the magic, offset + magic length <= 256
 * (BINPRM_BUF_SIZE since Linux 5.1), no offset, mask or '/' for E, an
 * absolute interpreter, flags from POCF, and a register string that
 * binfmt_entry_format() can write within the kernel's 1920 bytes
 * (BINFMT_E_DELIMITER, BINFMT_E_TOO_LONG), so every valid entry can be
 * registered. Returns 0, or -EINVAL (-E2BIG for a rule of length) with the
 * first rule broken in rule (may be NULL). */
int binfmt_entry_validate(const struct binfmt_entry *e, struct binfmt_rule *rule);

#endif
