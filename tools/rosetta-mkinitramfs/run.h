/* One run of rosetta-mkinitramfs: collect the tree and the spec file's entries, and write
 * them as one archive to the output, through the compressor when there is one. */
#ifndef MKINITRAMFS_RUN_H
#define MKINITRAMFS_RUN_H

#include "lib/error.h"
#include "options.h"

/* Ignores SIGPIPE (a compressor that dies shows up as EPIPE and its exit status) and
 * installs cleanup.h's handler for the output's temporary name, then writes the archive
 * o describes. Returns 0, or -errno with err filled; err->system marks the system's
 * failures. */
int mkinitramfs_run(const struct mkinitramfs_options *o, struct error_record *err);

#endif
