/* The ext4 product; see ext4.h. */
#include "ext4.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "child.h"

#define MIB	     (1024ULL * 1024)
#define HEADROOM_MIN (256 * MIB) /* journal and inode tables take about 40 MiB of it */

/* The disk space the tree takes (fts walks it without a callback, so without a global). */
static int tree_usage(const char *dir, uint64_t *bytes, struct error_record *e)
{
	char *paths[] = { (char *)dir, NULL };
	FTS *fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	FTSENT *ent;
	int r = 0;

	if (!fts)
		return error_system(e, -errno, "measuring %s: %m", dir);
	*bytes = 0;
	while ((ent = fts_read(fts)) != NULL) {
		if (ent->fts_info == FTS_ERR || ent->fts_info == FTS_DNR || ent->fts_info == FTS_NS)
			r = -ent->fts_errno;
		else if (ent->fts_info != FTS_DP)
			*bytes += (uint64_t)ent->fts_statp->st_blocks * 512;
	}
	if (!r && errno)
		r = -errno;
	fts_close(fts);
	return r < 0 ? error_system(e, r, "measuring %s: %m", dir) : 0;
}

int ext4_make(const char *dir, const char *image, struct error_record *e)
{
	uint64_t used = 0, size;
	char *argv[] = { "mkfs.ext4",
			 "-q",
			 "-F",
			 "-b",
			 "4096",
			 "-m",
			 "0",
			 "-L",
			 "rosetta-root",
			 "-E",
			 "root_owner=0:0,assume_storage_prezeroed=1",
			 "-d",
			 (char *)dir,
			 (char *)image,
			 NULL };
	int fd, r = tree_usage(dir, &used, e);

	if (r < 0)
		return r;
	size = used + (used / 2 > HEADROOM_MIN ? used / 2 : HEADROOM_MIN);
	size = (size + MIB - 1) / MIB * MIB;
	fd = open(image, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return error_system(e, -errno, "cannot create %s: %m", image);
	r = ftruncate(fd, (off_t)size) < 0 ? -errno : 0;
	close(fd);
	if (r < 0)
		return error_system(e, r, "cannot size %s to %llu MiB: %m", image,
				    (unsigned long long)(size / MIB));
	return child_run(argv, NULL, 0, e);
}

int ext4_read_file(const char *image, const char *path, char *buf, size_t size)
{
	char request[4200];
	char *argv[] = { "debugfs", "-R", request, (char *)image, NULL };
	struct error_record ignored;
	int n = snprintf(request, sizeof(request), "cat %s", path);

	if (n < 0 || (size_t)n >= sizeof(request))
		return -ENAMETOOLONG;
	error_init(&ignored);
	if (child_run(argv, buf, size, &ignored) < 0)
		return ignored.err ? ignored.err : -EIO;
	/* debugfs prints nothing on stdout, and exits 0, for a missing file. */
	return buf[0] ? 0 : -ENOENT;
}
