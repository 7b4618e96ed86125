/* The kernel register string: whatever binfmt_entry_parse() accepts must
 * format and parse back to the same entry (fuzz_check_entry). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct binfmt_entry e;

	if (binfmt_entry_parse((const char *)data, size, &e, NULL) == 0)
		fuzz_check_entry(&e);
	/* The input as a file header and name: must not misbehave either way. */
	(void)binfmt_entry_matches(&e, data, size, size ? "fuzz.bin" : NULL);
	return 0;
}
