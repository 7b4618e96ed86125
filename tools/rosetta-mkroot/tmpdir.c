/* The temp directory a tar image is unpacked into, and its removal with
 * everything in it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "remove_tree.h"

int tmpdir_make(const char *parent, char *out, size_t size, struct error_record *e)
{
	int n;

	if (!parent)
		parent = getenv("TMPDIR");
	if (!parent || !*parent)
		parent = "/tmp";
	n = snprintf(out, size, "%s/rosetta-mkroot.XXXXXX", parent);
	if (n < 0 || (size_t)n >= size) {
		out[0] = '\0';
		return error_set(e, -ENAMETOOLONG, "temp directory in %.200s: %m", parent);
	}
	if (!mkdtemp(out)) {
		n = -errno;
		out[0] = '\0';
		return error_system(e, n, "cannot make a temp directory in %s: %m", parent);
	}
	return 0;
}

int tmpdir_remove(const char *dir)
{
	return remove_tree_at(AT_FDCWD, dir);
}
