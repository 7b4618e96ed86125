/* What the configuration file parser (config_file.c) shares with the
 * command line parser (config.c): applying one key and reporting why a value
 * was refused, so that both accept the same keys with the same words. */
#ifndef INIT_CONFIG_FILE_H
#define INIT_CONFIG_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

/* Where warnings go while one command line or one file is parsed. */
struct config_report {
	config_warn_fn warn; /* NULL: count only */
	void *arg;
	const char *where; /* NULL on the command line, "FILE:LINE" in the file */
	int count;
};

/* What the seconds keys accept (timeouts, a service's backoff). */
#define CONFIG_SECONDS "a number of seconds from 1 to 3600"

void config_warnf(struct config_report *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Warn that value is not what key accepts: "'VALUE' is not EXPECT". A value
 * that was cut short (truncated) or is long is shown cut, ending in "...". */
void config_refuse(struct config_report *r, const char *key, const char *value, bool truncated,
		   const char *expect);

/* Index of value in names (NULL-ended), or -1. */
int config_lookup(const char *value, const char *const names[]);

/* "one of A, B, C" into buf: what a key taking one of names (NULL-ended)
 * accepts. Returns buf. */
const char *config_one_of(char *buf, size_t size, const char *const names[]);

/* Copy value into dst when it is not empty and fits. */
bool config_copy_text(char *dst, size_t size, const char *value);

/* Parse value, decimal digits only, into n; false unless min <= n <= max. */
bool config_number(const char *value, unsigned long min, unsigned long max, unsigned long *n);

/* Apply key (as written, with or without the "rosetta." prefix) and value
 * (NULL when the word had no '='); truncated says the value was cut short by
 * the reader, so it is refused. Problems go to r. */
void config_apply(struct config *cfg, const char *key, const char *value, bool truncated,
		  struct config_report *r);

/* Split line like rosetta.entry and check its first word is an absolute
 * path: what a service's argv must be. */
bool config_command_ok(const char *line);

#endif
