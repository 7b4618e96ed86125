/* rosetta-mkroot's command line, parsed into struct mkroot_options. Pure: it neither prints
 * nor looks at the file system; the strings point into argv. rosetta-launch --image fills the
 * same structure to unpack an image into the cache. */
#ifndef MKROOT_OPTIONS_H
#define MKROOT_OPTIONS_H

#include <stddef.h>

#include "lib/cli.h"
#include "lib/error.h"

enum mkroot_format {
	MKROOT_FORMAT_DIR,
	MKROOT_FORMAT_EXT4,
};

struct mkroot_options {
	const char *image;    /* an OCI layout directory[:TAG], an oci-archive or docker-save tar */
	const char *output;   /* NULL: the cache (cache_dir.h), a directory named by the manifest */
	const char *platform; /* NULL: MKROOT_PLATFORM */
	enum mkroot_format format;
};

/* The platform an image is unpacked for unless --platform says otherwise. */
#define MKROOT_PLATFORM "linux/amd64"

enum mkroot_action {
	MKROOT_RUN,
	MKROOT_HELP,
	MKROOT_VERSION_INFO,
};

/* The options, for the parser and for --help. */
extern const struct cli_option mkroot_options[];
extern const size_t mkroot_options_count;

/* Parses argv. Returns an mkroot_action, or -EINVAL with err holding the one message of a
 * usage error: an unknown option, a bad --format, no IMAGE, more than IMAGE and OUTPUT,
 * --format ext4 without OUTPUT. */
int mkroot_parse_options(int argc, char **argv, struct mkroot_options *o, struct error_record *err);

#endif
