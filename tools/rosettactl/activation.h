/* What rosettactl activate did, kept in a file under /run until
 * deactivate undoes it: the entry it registered and the rival handlers the
 * register stage disabled. /run is a tmpfs: a reboot forgets the file with
 * the entries it describes. */
#ifndef ROSETTACTL_ACTIVATION_H
#define ROSETTACTL_ACTIVATION_H

#include <stdbool.h>

#include "init/rivals.h"

/* Not under rosetta.mount's default, /run/rosetta, where the share is
 * mounted read-only. */
#define RCTL_STATE_FILE "/run/rosettactl/activated"

struct activation {
	char entry[BINFMT_NAME_MAX + 1]; /* "" when none is recorded */
	struct rivals rivals;
};

/* Read the state file at path into a. Returns 0, -ENOENT when there is
 * none (nothing was activated, or it was deactivated), -EINVAL with the
 * 1-based number of the first line not understood in *bad_line, or -errno. */
int activation_read(const char *path, struct activation *a, unsigned int *bad_line);

/* Add what one more activation did to a: its entry (the latest wins) and
 * the rivals it disabled, each named once. */
void activation_merge(struct activation *a, const char *entry, const struct rivals *disabled);

/* Write a to path whole (a new file renamed over the old one), making its
 * directory. Returns 0 or -errno. */
int activation_write(const char *path, const struct activation *a);

/* Remove the state file; one that is not there is no error. 0 or -errno. */
int activation_forget(const char *path);

#endif
