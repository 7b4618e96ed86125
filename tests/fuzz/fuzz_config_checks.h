/* What the two configuration fuzz targets (the kernel command line and the
 * configuration file) check alike: every field of a parsed config holds
 * what its key accepts, and two configs are compared field by field. Each
 * check calls abort(), which libFuzzer reports with the input. */
#ifndef FUZZ_CONFIG_CHECKS_H
#define FUZZ_CONFIG_CHECKS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "init/config.h"

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless ok. Inline, so that the analyzers see it abort. */
static inline void check(int ok)
{
	if (!ok)
		abort();
}

/* Abort unless s is NUL-terminated within size bytes. */
void check_text(const char *s, size_t size);

/* Abort unless ms is a whole number of seconds from 1 to 3600. */
void check_seconds(unsigned int ms);

/* The fields both readers set: texts terminated, paths absolute, the root
 * one of its forms, timeouts in range, enums in range. */
void check_config_fields(const struct config *cfg);

/* Whether a and b hold the same configuration (padding aside). */
int same_config(const struct config *a, const struct config *b);

#endif
