/* rosetta-mkroot's readers of what an image says, on any bytes: the image config parser
 * either fails with its errno recorded and the config left empty, or yields NULL-terminated
 * word lists and Env entries that are all NAME=VALUE; the platform and digest checks accept
 * only what they promise. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tools/rosetta-mkroot/image_config.h"
#include "tools/rosetta-mkroot/reader.h"

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_config(const char *text, size_t size)
{
	struct image_config ic;
	struct error_record e;
	int r = image_config_parse(text, size, &ic, &e);

	if (r < 0) {
		check(e.err == r && !ic.entry && !ic.env && !ic.workdir && !ic.user);
		return;
	}
	check(ic.entry ? !ic.entry[ic.entry_count] : ic.entry_count == 0);
	for (size_t i = 0; i < ic.env_count; i++)
		check(strchr(ic.env[i], '=') > ic.env[i]);
	check(!ic.workdir || *ic.workdir);
	check(!ic.user || *ic.user);
	image_config_free(&ic);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct platform p;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	check_config(text, size);
	if (platform_parse(text, &p, NULL) == 0)
		check(p.os[0] && p.arch[0] && !strchr(p.os, '/') && !strchr(p.arch, '/'));
	if (digest_check(text, "fuzz", NULL) == 0)
		check(strlen(text) == 71 && strspn(text + 7, "0123456789abcdef") == 64);
	free(text);
	return 0;
}
