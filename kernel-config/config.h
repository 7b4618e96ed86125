/* A kernel configuration in memory: a .config, a gzip'd config.gz, or the
 * running kernel's /proc/config.gz, its options by name and the
 * architecture and version its header names. Nothing here prints; a
 * failure is a negative errno with its message in an error record. */
#ifndef KCONFIG_CONFIG_H
#define KCONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

/* The most a configuration may hold, uncompressed: Debian's arm64 .config
 * is 290 KB, and anything near this is not a kernel configuration (or is a
 * gzip bomb). */
#define KCONFIG_MAX_BYTES (16u << 20)

/* Where a kernel built with CONFIG_IKCONFIG_PROC publishes its own. */
#define KCONFIG_PROC_PATH "/proc/config.gz"

#define KCONFIG_ARCH_MAX    32
#define KCONFIG_VERSION_MAX 64

struct kconfig_option {
	const char *name;  /* "CONFIG_VIRTIO_FS" */
	const char *value; /* "y", "m", "48", "\"text\"", as written; NULL: not set */
	unsigned int line;
};

struct kconfig {
	char *name;		  /* the file, as messages name it */
	char *text;		  /* its lines, cut in place */
	struct kconfig_option *v; /* sorted by name, each name once: its last line */
	size_t n;
	char arch[KCONFIG_ARCH_MAX]; /* "arm64" from "# Linux/arm64 6.1.0 Kernel Configuration" */
	char version[KCONFIG_VERSION_MAX]; /* "6.1.0" from the same line; "" without one */
	bool gzip;			   /* the file was gzip data */
};

/* Parse len bytes of text (a .config) into c, a copy of its own; name is
 * what messages call it. Every line must be an option ("CONFIG_X=VALUE",
 * "# CONFIG_X is not set"), a comment or blank: the others are recorded in
 * e, one message each, and the result is -EINVAL. Returns 0, -EINVAL or
 * -ENOMEM; c needs kconfig_free only after 0. */
int kconfig_parse(struct kconfig *c, const char *text, size_t len, const char *name,
		  struct error_record *e);

/* Read and parse the file at path, plain or gzip (zlib reads both),
 * refusing more than KCONFIG_MAX_BYTES uncompressed (-EFBIG) and what is
 * not a regular file. A truncated or corrupt gzip stream is -EINVAL. */
int kconfig_read(struct kconfig *c, const char *path, struct error_record *e);

/* The running kernel's configuration from path (KCONFIG_PROC_PATH but in
 * tests). Its absence is -ENOENT, the message naming the remedy
 * (CONFIG_IKCONFIG_PROC). A header without architecture and version takes
 * them from uname. */
int kconfig_read_running(struct kconfig *c, const char *path, struct error_record *e);

/* The option called name ("CONFIG_X"), or NULL when the configuration does
 * not have it at all. */
const struct kconfig_option *kconfig_find(const struct kconfig *c, const char *name);

/* Its value, or NULL when it is absent or not set. */
const char *kconfig_value(const struct kconfig *c, const char *name);

void kconfig_free(struct kconfig *c);

#endif
