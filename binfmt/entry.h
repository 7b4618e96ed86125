/* The binfmt_misc entry model: what a handler matches and which interpreter
 * it runs, the kernel register string, and the per-entry status file. */
#ifndef BINFMT_ENTRY_H
#define BINFMT_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#define BINFMT_MAGIC_MAX 128 /* the kernel's BINPRM_BUF_SIZE */
#define BINFMT_NAME_MAX	 64
#define BINFMT_PATH_MAX	 1024

struct binfmt_entry {
	char name[BINFMT_NAME_MAX];
	char type; /* 'M' magic, 'E' extension */
	unsigned int offset;
	unsigned char magic[BINFMT_MAGIC_MAX];
	size_t magic_len;
	unsigned char mask[BINFMT_MAGIC_MAX];
	size_t mask_len; /* 0: no mask */
	char interpreter[BINFMT_PATH_MAX];
	char flags[8]; /* a subset of "POCF", in that order */
};

/* What the kernel reports in /proc/sys/fs/binfmt_misc/NAME. */
struct binfmt_status {
	bool enabled;
	char interpreter[BINFMT_PATH_MAX];
	char flags[8];
	unsigned int offset;
	unsigned char magic[BINFMT_MAGIC_MAX];
	size_t magic_len;
	unsigned char mask[BINFMT_MAGIC_MAX];
	size_t mask_len;
};

/* Fill e with the Rosetta handler: x86-64 ELF executables (ET_EXEC or
 * ET_DYN) run through interpreter. flags is any subset of "POCF".
 * Returns 0, -EINVAL for a bad flag or name, -ENAMETOOLONG. */
int binfmt_entry_rosetta(struct binfmt_entry *e, const char *name, const char *interpreter,
			 const char *flags);

/* Normalize a flags string to the kernel's order "POCF", C implying O as the
 * kernel applies it. Returns 0 or -EINVAL for a letter outside P O C F. */
int binfmt_flags_normalize(const char *flags, char out[8]);

/* Write the register string ":name:type:offset:magic:mask:interpreter:flags"
 * with every magic and mask byte as \xHH. Returns its length or
 * -ENAMETOOLONG if it does not fit in size, -EINVAL if the interpreter holds
 * the delimiter. */
int binfmt_entry_format(const struct binfmt_entry *e, char *buf, size_t size);

/* Parse the text of a status file. Returns 0 or -EINVAL. */
int binfmt_status_parse(const char *text, struct binfmt_status *st);

/* Does the kernel's status describe exactly this entry? */
bool binfmt_status_matches(const struct binfmt_status *st, const struct binfmt_entry *e);

#endif
