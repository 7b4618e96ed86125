/* The kernel's per-entry status file, /proc/sys/fs/binfmt_misc/NAME. */
#ifndef BINFMT_STATUS_FILE_H
#define BINFMT_STATUS_FILE_H

#include <stdbool.h>

#include "entry_model.h"

/* A status file is generated into one page (entry_status()). */
#define BINFMT_STATUS_MAX 4096

/* What the kernel reports in /proc/sys/fs/binfmt_misc/NAME. */
struct binfmt_status {
	bool enabled;
	char interpreter[BINFMT_PATH_MAX];
	char flags[8];
	unsigned int offset;
	unsigned char magic[BINFMT_FIELD_MAX]; /* for 'E': the extension, no dot */
	size_t magic_len;
	unsigned char mask[BINFMT_MAGIC_MAX];
	size_t mask_len;
	char type; /* 'M' (magic line), 'E' (extension line), 0 (neither) */
	/* Lines that were not understood or did not fit; the other lines are
	 * still read, so that what could be read can be shown. */
	unsigned int bad_lines;
};

/* Parse the text of a status file: enabled/disabled, interpreter, flags,
 * then "offset"/"magic"/"mask" lines (type M) or an "extension .EXT" line
 * (type E). Returns 0, or -EINVAL when some line was not understood or did
 * not fit: st->bad_lines counts them, and st still holds every other line,
 * so one strange entry need not hide what can be read of it. */
int binfmt_status_parse(const char *text, struct binfmt_status *st);

/* Does the kernel's status describe exactly this entry (enabled, same type,
 * interpreter, flags, and magic under the mask or extension)? Never when
 * part of the status could not be read. */
bool binfmt_status_matches(const struct binfmt_status *st, const struct binfmt_entry *e);

/* The entry a status file describes, named name. Returns 0 or -EINVAL (a
 * name that does not fit, a status without magic or extension, bad flags,
 * lines that could not be read). */
int binfmt_status_to_entry(const struct binfmt_status *st, const char *name,
			   struct binfmt_entry *e);

#endif
