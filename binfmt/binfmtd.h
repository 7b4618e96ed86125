/* binfmt.d(5) files with systemd-binfmt's semantics. */
#ifndef BINFMT_BINFMTD_H
#define BINFMT_BINFMTD_H

#include <stddef.h>

#include "source.h"

/* Search directories, highest precedence first: a file in /etc overrides a
 * file of the same name in /run, /usr/local/lib or /usr/lib. NULL-ended. */
extern const char *const binfmtd_dirs[];

struct binfmtd_files {
	char **paths; /* the root and the path in it, sorted by file name */
	size_t count;
	size_t prefix_len; /* paths[i] + prefix_len is the path in the root */
	int root_fd;	   /* the root, AT_FDCWD for / */
};

/* Collect the *.conf files of dirs (each under root, "" or NULL for /), one
 * per file name, the first directory winning; a file that is empty, a link
 * to /dev/null or a dangling link masks the name, as in systemd. Hidden
 * files are skipped. Every path, link and ".." resolves inside root as if
 * it were / (openat2 RESOLVE_IN_ROOT, as systemd's chase()), never on the
 * host. Returns 0 or -errno (a missing root or directory is not an error;
 * -ENOSYS for a root before Linux 5.6). */
int binfmtd_collect(const char *root, const char *const *dirs, struct binfmtd_files *out);
void binfmtd_files_free(struct binfmtd_files *files);

/* Parse one file's text: blank lines and lines starting with '#' or ';'
 * (after leading blanks) are skipped, others are register strings.
 * Reports through sink; returns the number of bad lines (>= 0), or the
 * negative errno an entry callback stopped the parse with. */
int binfmtd_parse_text(const char *text, size_t len, const char *file,
		       const struct binfmt_sink *sink);

/* Read and parse a file: as binfmtd_parse_text, or -errno when it cannot
 * be read (also reported). */
int binfmtd_parse_file(const char *path, const struct binfmt_sink *sink);

/* The same for file i of a collection, opened inside its root; reported by
 * its path as shown (files->paths[i]). */
int binfmtd_parse_collected(const struct binfmtd_files *files, size_t i,
			    const struct binfmt_sink *sink);

#endif
