/* update-binfmts format files: at most one entry, reported only when no
 * line is bad, and its serialized line parses back to it. */
#include "fuzz_common.h"

#include <stdlib.h>

#include "binfmt/update_binfmts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_counts counts = { 0 };
	struct binfmt_sink sink = fuzz_sink_template;
	int r;

	sink.arg = &counts;
	r = update_binfmts_parse_text((const char *)data, size, "fuzz", "fuzz", &sink);
	if (r != counts.errors || counts.entries + counts.errors < 1 || counts.entries > 1 ||
	    (counts.entries && counts.errors))
		abort();
	return 0;
}
