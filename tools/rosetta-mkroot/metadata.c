/* An entry's owner, mode, extended attributes and times, in that order:
 * chown clears the set-id bits, and a file's capability is an attribute that
 * chown clears too (see layer.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "apply.h"

/* A uid or gid a tree can hold: (uid_t)-1 means "leave it" to chown. */
static bool id_valid(la_int64_t id)
{
	return id >= 0 && id < (la_int64_t)UINT32_MAX;
}

static int set_owner(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last)
{
	la_int64_t uid = archive_entry_uid(ae), gid = archive_entry_gid(ae);

	if (!id_valid(uid) || !id_valid(gid))
		return apply_refuse(c, -EINVAL, "its owner %lld:%lld is out of range",
				    (long long)uid, (long long)gid);
	if (!c->opts->keep_owners) {
		c->st->owners_not_kept += (uid_t)uid != geteuid() || (gid_t)gid != getegid();
		return 0;
	}
	/* AT_EMPTY_PATH: last is "" for the root itself, parent then its fd. */
	if (fchownat(parent, last, (uid_t)uid, (gid_t)gid, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) ==
	    0)
		return 0;
	/* An id the user namespace does not map, or no right to give it. */
	if (errno == EINVAL || errno == EPERM) {
		c->st->owners_not_kept++;
		return 0;
	}
	return apply_fail(c, -errno, "cannot set its owner");
}

/* The mode; a directory stays searchable and writable by its owner until
 * dir_times_apply() gives it its own. */
static int set_mode(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		    int fd)
{
	mode_t mode = archive_entry_perm(ae) & 07777;

	if (archive_entry_filetype(ae) == AE_IFDIR)
		mode |= S_IRWXU;
	if ((fd >= 0 ? fchmod(fd, mode) : fchmodat(parent, last, mode, 0)) < 0)
		return apply_fail(c, -errno, "cannot set its mode");
	return 0;
}

/* overlayfs reads these from its layers: a tree used as one must not get
 * them from an image. */
static bool overlay_name(const char *name)
{
	return !strncmp(name, "trusted.overlay.", 16) || !strncmp(name, "user.overlay.", 13);
}

/* libarchive lists an attribute twice when the pax header has it in both
 * its own and the SCHILY form; the count is of attributes, not headers. */
static bool listed_before(struct archive_entry *ae, const char *name, int index)
{
	const char *other;
	const void *value;
	size_t size;
	bool seen = false;

	archive_entry_xattr_reset(ae);
	for (int i = 0; i < index; i++)
		if (archive_entry_xattr_next(ae, &other, &value, &size) == ARCHIVE_OK)
			seen |= other && !strcmp(other, name);
	/* Back to where the caller was. */
	archive_entry_xattr_next(ae, &other, &value, &size);
	return seen;
}

/* Out of space or a failing disk ends the layer; anything else (the
 * filesystem or the process may not hold that attribute) is counted. */
static int set_xattrs(struct apply_ctx *c, struct archive_entry *ae, int fd)
{
	const char *name;
	const void *value;
	size_t size;

	archive_entry_xattr_reset(ae);
	for (int i = 0; archive_entry_xattr_next(ae, &name, &value, &size) == ARCHIVE_OK; i++) {
		if (!name || !*name || listed_before(ae, name, i))
			continue;
		if (fd < 0 || overlay_name(name)) {
			c->st->xattrs_not_kept++;
			continue;
		}
		if (fsetxattr(fd, name, value, size, 0) == 0)
			continue;
		if (errno == ENOSPC || errno == EDQUOT || errno == EIO || errno == ENOMEM)
			return apply_fail(c, -errno, "cannot set its extended attributes");
		c->st->xattrs_not_kept++;
	}
	return 0;
}

static struct timespec stamp(time_t sec, long nsec)
{
	/* A hostile pax header may give any nanoseconds; utimensat wants these. */
	return (struct timespec){ .tv_sec = sec,
				  .tv_nsec = nsec >= 0 && nsec < 1000000000 ? nsec : 0 };
}

static void entry_times(struct archive_entry *ae, struct timespec ts[2])
{
	ts[1] = archive_entry_mtime_is_set(ae)
		    ? stamp(archive_entry_mtime(ae), archive_entry_mtime_nsec(ae))
		    : (struct timespec){ .tv_nsec = UTIME_OMIT };
	ts[0] = archive_entry_atime_is_set(ae)
		    ? stamp(archive_entry_atime(ae), archive_entry_atime_nsec(ae))
		    : ts[1];
}

int metadata_apply(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		   int fd, const char *path)
{
	mode_t type = archive_entry_filetype(ae);
	struct timespec ts[2];
	int r = set_owner(c, ae, parent, last);

	if (r == 0 && type != AE_IFLNK)
		r = set_mode(c, ae, parent, last, fd);
	if (r == 0)
		r = set_xattrs(c, ae, fd);
	if (r < 0)
		return r;
	entry_times(ae, ts);
	if (type == AE_IFDIR) {
		if (dir_times_add(c->dt, path, archive_entry_perm(ae) & 07777, ts) < 0)
			return apply_fail(c, -ENOMEM, "cannot remember its time");
		return 0;
	}
	if (utimensat(parent, last, ts, AT_SYMLINK_NOFOLLOW) < 0)
		return apply_fail(c, -errno, "cannot set its time");
	return 0;
}
