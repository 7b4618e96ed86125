/* Unsigned numbers as users type them on command lines and in files. */
#ifndef LIB_NUMBER_H
#define LIB_NUMBER_H

/* Parse s, digits of base 8, 10 or 16 only (no sign, blank, prefix or
 * suffix), into *out when min <= value <= max. Returns 0, -EINVAL for
 * anything but digits, or -ERANGE outside the bounds (overflow included).
 * *out is left alone on error. */
int parse_unsigned(const char *s, unsigned base, unsigned long long min, unsigned long long max,
		   unsigned long long *out);

/* The decimal number that starts s, in text that goes on after it ("6.1.0",
 * "CONFIG_ARM64_16K_PAGES" past its prefix), into *out when at most max,
 * and *end at the first byte after its digits. Returns 0, -EINVAL when s
 * starts with no digit, or -ERANGE; nothing is written on error. */
int parse_unsigned_prefix(const char *s, unsigned long long max, unsigned long long *out,
			  const char **end);

#endif
