/* Where rosetta-mkroot's product goes: a directory or an ext4 image at OUTPUT, made whole in a
 * staging directory beside it and put in place at the end, so OUTPUT is never half written.
 * Each product carries its image's manifest digest (IMAGE_CONFIG_FILE's first line), which
 * is how a second run of the same image knows it has nothing to do. */
#ifndef MKROOT_OUTPUT_H
#define MKROOT_OUTPUT_H

#include <limits.h>
#include <stddef.h>

#include "lib/error.h"
#include "options.h"

enum output_state {
	OUTPUT_ABSENT,	/* nothing there yet */
	OUTPUT_CURRENT, /* made from this manifest: nothing to do */
	OUTPUT_STALE,	/* made from another manifest: replaced */
};

/* The state of output for the manifest digest ("sha256:HEX"): an enum output_state, or
 * -EEXIST (with a message) when output is something rosetta-mkroot did not make, which it
 * never replaces, or -errno. */
int output_state(const char *output, enum mkroot_format format, const char *digest,
		 struct error_record *e);

/* Make the staging directory beside output (mode 0755, "OUTPUT.partial-XXXXXX") into
 * staging. Returns 0 or -errno. */
int output_stage(const char *output, char *staging, size_t size, struct error_record *e);

/* Put staging in place as output in format: a directory is renamed (replacing a stale one,
 * or dropped when another run has put the same manifest's there meanwhile); an ext4 image is
 * made from it. staging is gone after, whatever the outcome. Returns 0 or -errno. */
int output_publish(const char *staging, const char *output, enum mkroot_format format,
		   const char *digest, struct error_record *e);

/* Remove a staging directory and everything under it, quietly (cleaning up after a failure
 * that is reported already). */
void output_discard(const char *staging);

#endif
