/* Where the project keeps what is expensive to make again (kernels, trees, unpacked images):
 * $ROSETTA_CACHE, else $XDG_CACHE_HOME/rosetta-guest, else $HOME/.cache/rosetta-guest. The
 * build's scripts say the same in mk/cache-dir.sh; test_lib_cache_dir holds the two to one
 * answer. */
#ifndef LIB_CACHE_DIR_H
#define LIB_CACHE_DIR_H

#include <stddef.h>

/* The cache directory for these environment values (NULL or "" when unset) into buf.
 * Returns 0, -ENOENT when none is set (no HOME), -ENAMETOOLONG when it does not fit. */
int cache_dir_resolve(const char *rosetta_cache, const char *xdg_cache_home, const char *home,
		      char *buf, size_t size);

#endif
