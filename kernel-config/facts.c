/* The facts of a configuration that decide whether Rosetta can run under
 * its kernel, read from the options Kconfig derives them into. See
 * check.h. */
#include "check.h"

#include <string.h>

#include "lib/number.h"

/* A decimal number of at most max, or 0. */
static unsigned int number(const char *s, unsigned int max)
{
	unsigned long long v;

	return s && parse_unsigned(s, 10, 0, max, &v) == 0 ? (unsigned int)v : 0;
}

/* "6.1.192", "6.13.0-rc1", "6.1.0-28-arm64": major and minor. */
static void read_version(struct kconfig_facts *f)
{
	unsigned long long major, minor;
	const char *end;

	if (parse_unsigned_prefix(f->version, 1000, &major, &end) < 0 || *end != '.' ||
	    parse_unsigned_prefix(end + 1, 1000, &minor, &end) < 0 || major == 0)
		return;
	f->major = (unsigned int)major;
	f->minor = (unsigned int)minor;
}

void kconfig_facts_read(const struct kconfig *c, struct kconfig_facts *f)
{
	const char *arm64 = kconfig_value(c, "CONFIG_ARM64");
	const char *modules = kconfig_value(c, "CONFIG_MODULES");

	memset(f, 0, sizeof(*f));
	f->file = c->name;
	f->arch = c->arch;
	f->version = c->version;
	f->arm64 = arm64 && !strcmp(arm64, "y");
	f->modules = modules && !strcmp(modules, "y");
	f->page_shift = number(kconfig_value(c, KCONFIG_PAGE_SHIFT), 31);
	f->va_bits = number(kconfig_value(c, KCONFIG_VA_BITS), 64);
	if (f->page_shift < 10)
		f->page_shift = 0;
	read_version(f);
}
