/* How binfmtctl shows entries: the one-line summary of what an entry
 * matches, the flags spelled out, and the columns of list and show. */
#ifndef BINFMTCTL_FORMAT_H
#define BINFMTCTL_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "binfmt/entry.h"

/* An entry as the kernel reports it. */
struct ctl_row {
	struct binfmt_entry e;
	bool enabled;
	/* 0, or why the entry's status could not be read whole (a binfmt_error
	 * or -errno): e then holds its name, interpreter and flags as far as
	 * they were read, and type 0 (what it matches is unknown). */
	int unreadable;
};

/* "enabled" or "disabled". */
const char *ctl_state_str(bool enabled);

/* A boolean cell: "yes" or "no", which libsmartcols writes as JSON's true
 * and false. */
const char *ctl_yes_no(bool v);

/* Bytes as lower-case hex, as the kernel's status files show them. out must
 * hold 2 * len + 1 characters. */
char *ctl_hex(const unsigned char *bytes, size_t len, char *out);

/* What the entry matches, in a few words: "ELF64 LSB x86-64",
 * "extension .jar", "magic 4d5a at 0", "unknown" (type 0). */
const char *ctl_match_summary(const struct binfmt_entry *e, char *buf, size_t size);

/* The flags spelled out: "P (preserve-argv0), F (fix-binary)", or "none". */
const char *ctl_flags_words(const char *flags, char *buf, size_t size);

#endif
