/* The programs rosetta-mkroot runs (mkfs.ext4, debugfs): started without a shell, waited for,
 * their way of ending worded for the reporter. */
#ifndef MKROOT_CHILD_H
#define MKROOT_CHILD_H

#include <stddef.h>

#include "lib/error.h"

/* Run argv (argv[0] looked up in PATH) with stdin from /dev/null. out NULL: its stdout and
 * stderr are ours. Else its stdout goes into out (at most size - 1 bytes kept, NUL-ended,
 * the rest read and dropped) and its stderr to /dev/null. Returns 0 when it exited 0, -ENOENT
 * when it cannot be started (not installed), else -EPROTO; the message names argv[0] and
 * how it ended. */
int child_run(char *const argv[], char *out, size_t size, struct error_record *e);

#endif
