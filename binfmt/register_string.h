/* The kernel's register string, ":name:type:offset:magic:mask:interpreter:
 * flags", written and read as fs/binfmt_misc.c reads it. */
#ifndef BINFMT_REGISTER_STRING_H
#define BINFMT_REGISTER_STRING_H

#include <stddef.h>

#include "entry_model.h"

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
 * Returns 0, or -EINVAL (-E2BIG for a rule of length) with the rule
 * broken in rule (may be NULL); e is zeroed first. */
int binfmt_entry_parse(const char *line, size_t len, struct binfmt_entry *e,
		       struct binfmt_rule *rule);

/* Decode len bytes of a magic or mask field as the kernel does: \xH or
 * \xHH is one byte, but every backslash followed by 'x' must be followed by
 * two hex digits (the kernel checks before it unescapes); other bytes, a
 * lone backslash included, stand for themselves. Returns 0, -EINVAL for
 * BINFMT_E_ESCAPE, or -E2BIG for BINFMT_E_MAGIC_LONG when more than
 * BINFMT_MAGIC_MAX bytes result (the rule is named in rule, may be NULL). */
int binfmt_magic_decode(const char *text, size_t len, unsigned char out[BINFMT_MAGIC_MAX],
			size_t *out_len, struct binfmt_rule *rule);

#endif
