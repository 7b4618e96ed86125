/* What the probe reads of the running guest: the kernel command line,
 * PID 1's memory, the loaded modules and the translator's binfmt_misc entry. */
#ifndef BENCH_GUESTINFO_H
#define BENCH_GUESTINFO_H

#include <stddef.h>

/* The value of the command line word KEY=VALUE into buf; 0, -ENOENT when
 * the word is absent, -errno when the command line cannot be read. */
int cmdline_value(const char *key, char *buf, size_t size);

/* "VmRSS:\t  604 kB" of /proc/PID/status: the kB, or -errno. */
long status_kb(int pid, const char *field);

/* The names of the loaded modules, sorted, comma-separated. 0 or -errno. */
int loaded_modules(char *buf, size_t size);

/* A field ("interpreter", "flags:") of the binfmt_misc entry NAME: the text
 * after it and a space. 0 or -errno. */
int binfmt_field(const char *name, const char *field, char *buf, size_t size);

#endif
