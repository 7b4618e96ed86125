/*
 * Applying an image's layers, one after the other, onto a root directory: a
 * tar (plain, gzip or zstd) whose entries are written inside the root and
 * nowhere else, and whose OCI whiteouts remove what the layers below made.
 *
 * Every path is resolved inside the root (lib/in_root.h): the directory
 * holding an entry is opened with RESOLVE_IN_ROOT, so a symbolic link on the
 * way (from this layer or one below) leads to its target inside the root,
 * and the entry itself is made with *at() calls that never follow it.
 * Names: "/etc", "./etc" and "etc" are the same path inside the root; a ".."
 * component, an entry that is not a directory but names the root, a bare
 * ".wh." whiteout, a whiteout used as a directory, a hard link to a
 * directory or to nothing, and a socket are refused (-EINVAL, message
 * "LABEL: entry 'NAME': RULE"). A directory entry naming the root ("./")
 * gives the root its owner, mode, attributes and time.
 *
 * Whiteouts: ".wh.NAME" removes NAME and everything below it; a
 * ".wh..wh..opq" in a directory removes what it held; neither touches what
 * the same layer writes, before or after it in the tar (the OCI rule). AUFS's
 * other ".wh..wh." files are ignored. No whiteout file is ever written.
 *
 * Attributes: owners when opts->keep_owners (else each entry whose owner
 * differs from the process's is counted), then the mode with its set-id
 * bits (after chown, which clears them), extended attributes (a failure is
 * counted, not fatal, ENOTSUP included: the tree's filesystem may not hold
 * them; trusted.overlay.* and user.overlay.* are never written, so a layer
 * cannot plant overlayfs metadata, and counted as not kept), then times. A
 * directory's mode and times are set by dir_times_apply() after the last
 * layer: writing into it would change its time, and a read-only directory
 * must stay writable until then. Extended attributes of symbolic links,
 * fifos and devices are not written (counted). Device nodes are made only
 * when opts->make_devices, else skipped and counted.
 */
#ifndef MKROOT_LAYER_H
#define MKROOT_LAYER_H

#include <stdbool.h>

#include "dir_times.h"
#include "lib/error.h"

struct layer_opts {
	bool make_devices; /* mknod character and block devices (root, CAP_MKNOD) */
	bool keep_owners;  /* chown to the entries' owners (root) */
};

/* What the layers did; layer_apply adds to it, so one struct can count all
 * of an image's layers. */
struct layer_stats {
	unsigned long files, dirs, symlinks, hardlinks, fifos, devices;
	unsigned long whiteouts;       /* whiteout and opaque entries applied */
	unsigned long devices_skipped; /* device nodes not made (!make_devices) */
	unsigned long owners_not_kept; /* entries left owned by the process */
	unsigned long xattrs_not_kept; /* extended attributes not written */
};

/* Apply the layer read from layer_fd (from its start; it is left open) onto
 * the directory root_fd. label names the layer in messages ("layer 2
 * (sha256:abcd...)"). Directories' modes and times are appended to dt, for
 * dir_times_apply() after the last layer. Returns 0, -EINVAL for a layer
 * that breaks a rule above or is no tar (message in e, e->system false), or
 * -errno of a failed call (e->system true unless the errno means the layers
 * do not fit together). The root may hold part of the layer after a
 * failure. */
int layer_apply(int root_fd, int layer_fd, const char *label, const struct layer_opts *opts,
		struct dir_times *dt, struct layer_stats *st, struct error_record *e);

#endif
