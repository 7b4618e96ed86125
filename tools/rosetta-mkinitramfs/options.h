/* rosetta-mkinitramfs's command line, parsed into struct mkinitramfs_options. Pure: it neither
 * prints nor looks at the file system; the strings point into argv and the environment. */
#ifndef MKINITRAMFS_OPTIONS_H
#define MKINITRAMFS_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "compress.h"
#include "lib/cli.h"
#include "lib/error.h"

struct mkinitramfs_options {
	const char *dir;	     /* the tree to archive */
	const char *out;	     /* NULL: standard output */
	const char *spec;	     /* NULL: no spec file */
	enum compress_method method; /* --compress, else what out's name implies */
	uint32_t mtime;		     /* --mtime, else SOURCE_DATE_EPOCH, else 0 */
};

enum mkinitramfs_action {
	MKINITRAMFS_RUN,
	MKINITRAMFS_HELP,
	MKINITRAMFS_VERSION_INFO,
};

/* The options, for the parser and for --help. */
extern const struct cli_option mkinitramfs_options[];
extern const size_t mkinitramfs_options_count;

/* Parses argv; epoch is $SOURCE_DATE_EPOCH (NULL when unset), the time of every entry when
 * --mtime is not given. Returns an mkinitramfs_action as soon as --help or --version is
 * seen, or -EINVAL with err holding the one message of a usage error: an unknown option, a
 * missing argument, a bad value, --spec twice, no DIR or more than one, a bad epoch. */
int mkinitramfs_parse_options(int argc, char **argv, const char *epoch,
			      struct mkinitramfs_options *o, struct error_record *err);

#endif
