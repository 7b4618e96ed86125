/* Reporting a problem to a parser's sink; see source.h. */
#include "source.h"

void binfmt_sink_error(const struct binfmt_sink *sink, int err, const struct binfmt_rule *rule,
		       const char *file, unsigned int line)
{
	static const struct binfmt_rule none = { BINFMT_OK };
	struct binfmt_origin at = { .file = file, .line = line };

	if (sink->error)
		sink->error(sink->arg, err, rule ? rule : &none, &at);
}
