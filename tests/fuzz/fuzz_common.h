/* Checks the fuzz targets share: what must hold for every entry a parser
 * accepts. Each check calls abort() when it does not, which libFuzzer
 * reports as a crash with the input that caused it. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "binfmt/entry.h"
#include "binfmt/source.h"

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless the two entries are the same in every field. */
void fuzz_assert_equal(const struct binfmt_entry *a, const struct binfmt_entry *b);

/* Abort unless e is valid, formats, parses back to itself, overlaps
 * itself and matches a file made of its own magic or extension. */
void fuzz_check_entry(const struct binfmt_entry *e);

/* A sink whose entry callback checks that the reported register string
 * parses to the reported entry (then fuzz_check_entry), and whose error
 * callback checks the error is a negative errno with a rule that has a
 * phrase; arg is a struct fuzz_counts. */
struct fuzz_counts {
	int entries, errors;
};
extern const struct binfmt_sink fuzz_sink_template;

#endif
