/* The kernel's status files: what parses and turns into an entry must be
 * described by that status, and round-trip when valid. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct binfmt_status st;
	struct binfmt_entry e;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0'; /* a status file is read as a C string */
	if (binfmt_status_parse(text, &st) == 0 && binfmt_status_to_entry(&st, "fuzz", &e) == 0) {
		if (st.enabled && !binfmt_status_matches(&st, &e))
			abort();
		if (binfmt_entry_validate(&e, NULL) == 0)
			fuzz_check_entry(&e);
	}
	free(text);
	return 0;
}
