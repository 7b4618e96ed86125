/* The cache directory's rule; see cache_dir.h. */
#include "cache_dir.h"

#include <errno.h>
#include <stdio.h>

static int fit(int n, size_t size)
{
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int cache_dir_resolve(const char *rosetta_cache, const char *xdg_cache_home, const char *home,
		      char *buf, size_t size)
{
	if (rosetta_cache && rosetta_cache[0])
		return fit(snprintf(buf, size, "%s", rosetta_cache), size);
	if (xdg_cache_home && xdg_cache_home[0])
		return fit(snprintf(buf, size, "%s/rosetta-guest", xdg_cache_home), size);
	if (home && home[0])
		return fit(snprintf(buf, size, "%s/.cache/rosetta-guest", home), size);
	return -ENOENT;
}
