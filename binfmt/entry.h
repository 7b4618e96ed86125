/* The binfmt_misc entry model: what a handler matches and which interpreter
 * it runs, the kernel register string, and the per-entry status file. */
#ifndef BINFMT_ENTRY_H
#define BINFMT_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

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
/* A status file is generated into one page (entry_status()). */
#define BINFMT_STATUS_MAX 4096

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

/* What the kernel reports in /proc/sys/fs/binfmt_misc/NAME. */
struct binfmt_status {
	bool enabled;
	char interpreter[BINFMT_PATH_MAX];
	char flags[8];
	unsigned int offset;
	unsigned char magic[BINFMT_FIELD_MAX]; /* for 'E': the extension, no dot */
	size_t magic_len;
	unsigned char mask[BINFMT_MAGIC_MAX];
	size_t mask_len;
	char type; /* 'M' (magic line), 'E' (extension line), 0 (neither) */
	/* Lines that were not understood or did not fit; the other lines are
	 * still read, so that what could be read can be shown. */
	unsigned int bad_lines;
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
 * with every magic and mask byte as \xHH (lowercase); an E entry as
 * ":name:E::extension::interpreter:flags". The delimiter is the first of
 * ':' ',' '|' '#' '!' that appears in none of name, interpreter and
 * extension, so that a path holding ':' still serializes. Returns the
 * length, -ENAMETOOLONG if it does not fit in size, or -EINVAL when every
 * candidate delimiter is taken or e is malformed (a field not terminated,
 * a length over BINFMT_MAGIC_MAX, a type other than M/E, a flag outside
 * POCF). */
int binfmt_entry_format(const struct binfmt_entry *e, char *buf, size_t size);

/* Parse a register string exactly as the kernel's create_entry() does
 * (fs/binfmt_misc.c): 11 to 1920 bytes; the first character is the
 * delimiter; types M and E; an empty offset is 0, otherwise a decimal as
 * kstrtoint() takes it; magic and mask unescaped like string_unescape(
 * UNESCAPE_HEX) after the kernel's own check that every \x is followed by
 * two hex digits (other backslashes are literal); flags from P O C F,
 * stored normalized (binfmt_flags_normalize); one trailing newline. Where
 * the kernel would silently ignore something we refuse it: an offset or a
 * mask on an E entry (BINFMT_E_EXTENSION) and NUL bytes (BINFMT_E_SYNTAX,
 * the kernel would cut the magic at them). Then binfmt_entry_validate().
 * Returns 0 or a binfmt_error; e is zeroed first. */
int binfmt_entry_parse(const char *line, size_t len, struct binfmt_entry *e);

/* Check e against the kernel's rules and ours: a name the kernel and
 * systemd-binfmt accept (1..255 bytes, not "register"/"status"), magic
 * 1..256 bytes, the mask as long as the magic, offset + magic length <= 256
 * (BINPRM_BUF_SIZE since Linux 5.1), no offset, mask or '/' for E, an
 * absolute interpreter, flags from POCF, and a register string that
 * binfmt_entry_format() can write within the kernel's 1920 bytes
 * (BINFMT_E_DELIMITER, BINFMT_E_TOO_LONG), so every valid entry can be
 * registered. Returns 0 or the first binfmt_error found. */
int binfmt_entry_validate(const struct binfmt_entry *e);

/* Decode len bytes of a magic or mask field as the kernel does: \xH or
 * \xHH is one byte, but every backslash followed by 'x' must be followed by
 * two hex digits (the kernel checks before it unescapes); other bytes, a
 * lone backslash included, stand for themselves. Returns 0,
 * BINFMT_E_ESCAPE, or BINFMT_E_MAGIC_LONG when more than BINFMT_MAGIC_MAX
 * bytes result. */
int binfmt_magic_decode(const char *text, size_t len, unsigned char out[BINFMT_MAGIC_MAX],
			size_t *out_len);

/* Could one file header match both entries? (Both M with compatible bytes
 * under both masks where they overlap, or both E with the same extension.)
 * This is how `qemu-x86_64` is found to compete with `rosetta`. An M and
 * an E entry never overlap: one looks at content, the other at names. */
bool binfmt_entries_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b);

/* Do the first len bytes of a file (and its name, for E) match e? As in the
 * kernel's check_file(): header is the start of the file (the kernel reads
 * up to 256 bytes), bytes past len count as zero as in its zeroed buffer;
 * an E entry matches the text after the last '.' of filename (NULL: no
 * match). */
bool binfmt_entry_matches(const struct binfmt_entry *e, const unsigned char *header, size_t len,
			  const char *filename);

/* Parse the text of a status file: enabled/disabled, interpreter, flags,
 * then "offset"/"magic"/"mask" lines (type M) or an "extension .EXT" line
 * (type E). Returns 0, or -EINVAL when some line was not understood or did
 * not fit: st->bad_lines counts them, and st still holds every other line,
 * so one strange entry need not hide what can be read of it. */
int binfmt_status_parse(const char *text, struct binfmt_status *st);

/* Does the kernel's status describe exactly this entry (enabled, same type,
 * interpreter, flags, and magic under the mask or extension)? Never when
 * part of the status could not be read. */
bool binfmt_status_matches(const struct binfmt_status *st, const struct binfmt_entry *e);

/* The entry a status file describes, named name. Returns 0 or -EINVAL (a
 * name that does not fit, a status without magic or extension, bad flags,
 * lines that could not be read). */
int binfmt_status_to_entry(const struct binfmt_status *st, const char *name,
			   struct binfmt_entry *e);

#endif
