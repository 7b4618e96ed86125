/* Reading entries out of configuration files: where each entry or error came
 * from, and the callbacks the file parsers report through (they never print). */
#ifndef BINFMT_SOURCE_H
#define BINFMT_SOURCE_H

#include <stddef.h>

#include "entry_model.h"

struct binfmt_origin {
	const char *file;  /* path as given or found */
	unsigned int line; /* 1-based; 0 for a whole-file problem */
};

/* An entry found. line is the register string to write to the kernel: for
 * binfmt.d the line as systemd-binfmt writes it (stripped of surrounding
 * blanks), for update-binfmts the serialized entry. Return 0 to go on, or a
 * negative errno to stop the parse, which then returns it. */
typedef int (*binfmt_entry_fn)(void *arg, const struct binfmt_entry *e, const char *line,
			       const struct binfmt_origin *at);

/* A line that breaks a rule (rule->broken names it, err is the errno that
 * goes with it) or a file that cannot be read (rule->broken is BINFMT_OK,
 * err says why). Reported as "file:line: rule broken" by callers
 * (binfmt_error_text). */
typedef void (*binfmt_error_fn)(void *arg, int err, const struct binfmt_rule *rule,
				const struct binfmt_origin *at);

struct binfmt_sink {
	binfmt_entry_fn entry;
	binfmt_error_fn error;
	void *arg;
};

/* Hand sink->error, if any, the problem at file:line (0: the whole file);
 * rule may be NULL for an errno of the system's. */
void binfmt_sink_error(const struct binfmt_sink *sink, int err, const struct binfmt_rule *rule,
		       const char *file, unsigned int line);

#endif
