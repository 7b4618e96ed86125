/*
 * What applying one layer carries from entry to entry (layer.c reads the tar,
 * the others act on one entry each), and its messages: every failure names
 * the layer and the entry, "LABEL: entry 'NAME': RULE".
 */
#ifndef MKROOT_APPLY_H
#define MKROOT_APPLY_H

#include <archive.h>
#include <archive_entry.h>

#include "dir_times.h"
#include "layer.h"
#include "lib/error.h"
#include "path_set.h"

struct apply_ctx {
	int root_fd;
	const struct layer_opts *opts;
	struct layer_stats *st;
	struct dir_times *dt;
	struct path_set written; /* this layer's paths, for its whiteouts */
	const char *label;	 /* "layer N (sha256:...)" */
	const char *name;	 /* the entry's name as the tar has it */
	struct archive *a;
	struct error_record *e;
	/* The stream ended in the padding after a file whose data was whole: layers
	 * umoci 0.4 "insert" wrote lack it and the end blocks. The next header read
	 * fails on it; nothing is left to read, so that is the end of the layer. */
	bool ended_in_padding;
};

/* Opening the directory of an entry failed with err: a symbolic link on the
 * way (-ELOOP) breaks the rule that a layer never writes through one; any
 * other errno is apply_fail's. Returns err. */
int apply_parent_fail(struct apply_ctx *c, int err);

/* The entry breaks a rule of the applier (err: -EINVAL mostly): record
 * "LABEL: entry 'NAME': " and the rule. Returns err. */
int apply_refuse(struct apply_ctx *c, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A call on the tree failed with err while doing what: recorded as the
 * input's fault when the errno means the layers do not fit together (a
 * parent that is a file, a link to nothing), else as the system's. Returns
 * err. */
int apply_fail(struct apply_ctx *c, int err, const char *what);

/* Type-specific work on one entry whose normalized path is path (not ""),
 * in make_entry.c; and its whiteouts, in whiteout.c. Return 0 or -errno,
 * recorded. */
int make_entry(struct apply_ctx *c, struct archive_entry *ae, const char *path);
int whiteout_apply(struct apply_ctx *c, const char *path);

/* Owner, mode, extended attributes and times of the entry just made as last
 * in parent (fd, when not -1, open on it for its attributes); a directory's
 * mode and times go to the caller's dir_times instead, set after the last
 * layer. In metadata.c. Returns 0 or -errno, recorded. */
int metadata_apply(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		   int fd, const char *path);

#endif
