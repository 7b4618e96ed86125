/* One parser for the numbers every program reads: strtoull alone would take
 * blanks, a sign, a 0x prefix and wrap on overflow. */
#include <errno.h>
#include <string.h>

#include "lib/hex.h"
#include "lib/number.h"

int parse_unsigned(const char *s, unsigned base, unsigned long long min, unsigned long long max,
		   unsigned long long *out)
{
	unsigned long long v = 0;
	const char *p;
	int d;

	if (*s == '\0')
		return -EINVAL;
	for (p = s; *p; p++) {
		d = hex_digit_value(*p);
		if (d < 0 || (unsigned)d >= base)
			return -EINVAL;
	}
	for (p = s; *p; p++) {
		d = hex_digit_value(*p);
		if (v > (max - (unsigned)d) / base)
			return -ERANGE;
		v = v * base + (unsigned)d;
	}
	if (v < min)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_unsigned_prefix(const char *s, unsigned long long max, unsigned long long *out,
			  const char **end)
{
	char digits[24]; /* ULLONG_MAX has 20 */
	size_t n = strspn(s, "0123456789");
	int r;

	if (n == 0)
		return -EINVAL;
	if (n >= sizeof(digits))
		return -ERANGE;
	memcpy(digits, s, n);
	digits[n] = '\0';
	r = parse_unsigned(digits, 10, 0, max, out);
	if (r == 0)
		*end = s + n;
	return r;
}
