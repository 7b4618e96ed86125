/* binfmt.d text: every reported line parses to its entry, which survives a
 * round trip; the return value counts the errors reported. */
#include "fuzz_common.h"

#include <stdlib.h>

#include "binfmt/binfmtd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_counts counts = { 0 };
	struct binfmt_sink sink = fuzz_sink_template;
	int r;

	sink.arg = &counts;
	r = binfmtd_parse_text((const char *)data, size, "fuzz.conf", &sink);
	if (r != counts.errors)
		abort();
	return 0;
}
