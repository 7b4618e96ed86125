/* The facts of a configuration that decide whether Rosetta can run under
 * its kernel, read from the options Kconfig derives them into. See
 * check.h. */
#include "check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A decimal number below limit, or 0. */
static unsigned int number(const char *s, unsigned int limit)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	return errno || *end || v >= limit ? 0 : (unsigned int)v;
}

/* "6.1.192", "6.13.0-rc1", "6.1.0-28-arm64": major and minor. */
static void read_version(struct kconfig_facts *f)
{
	unsigned long major, minor;
	char *end;

	if (*f->version < '0' || *f->version > '9')
		return;
	major = strtoul(f->version, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return;
	minor = strtoul(end + 1, &end, 10);
	if (major == 0 || major > 1000 || minor > 1000)
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
	f->page_shift = number(kconfig_value(c, KCONFIG_PAGE_SHIFT), 32);
	f->va_bits = number(kconfig_value(c, KCONFIG_VA_BITS), 65);
	if (f->page_shift < 10)
		f->page_shift = 0;
	read_version(f);
}
