/* One entry of a layer made in the tree by its type: a file with its data, a
 * directory, a symbolic link, a hard link, a fifo or a device. The entry's
 * directory is opened inside the root and the entry made in it with *at()
 * calls that never follow its name (see layer.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "apply.h"
#include "entry_path.h"
#include "lib/in_root.h"
#include "lib/io.h"
#include "remove_tree.h"

/* Mode of the directories a layer implies but does not list. */
#define IMPLIED_DIR_MODE 0755

/* Make room for a new last in parent: whatever is there goes, but for an
 * existing directory when a directory is wanted (kept, as tar does). Returns
 * 1 for a directory kept, 0 for room made, or -errno. */
static int make_room(int parent, const char *last, bool want_dir)
{
	struct stat st;

	if (fstatat(parent, last, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (want_dir && S_ISDIR(st.st_mode))
		return 1;
	return remove_tree_at(parent, last);
}

/* libarchive's words for a stream that ended before what it needed. */
#define TRUNCATED "Truncated input file"

/* The read failed after every byte of the file came, on the stream's end. */
static bool ended_in_padding(struct archive *a, struct archive_entry *ae, la_int64_t got)
{
	const char *text = archive_error_string(a);

	return archive_entry_size_is_set(ae) && got >= archive_entry_size(ae) && text &&
	       !strncmp(text, TRUNCATED, strlen(TRUNCATED));
}

static int copy_data(struct apply_ctx *c, struct archive_entry *ae, int fd)
{
	la_int64_t off, got = 0;
	const void *buf;
	size_t len;
	int r;

	while ((r = archive_read_data_block(c->a, &buf, &len, &off)) == ARCHIVE_OK) {
		if (lseek(fd, (off_t)off, SEEK_SET) < 0)
			return apply_fail(c, -errno, "cannot write the file");
		r = write_all(fd, buf, len);
		if (r < 0)
			return apply_fail(c, r, "cannot write the file");
		if (off + (la_int64_t)len > got)
			got = off + (la_int64_t)len;
	}
	if (r != ARCHIVE_EOF && ended_in_padding(c->a, ae, got))
		c->ended_in_padding = true;
	else if (r != ARCHIVE_EOF)
		return apply_refuse(c, -EINVAL, "cannot read its data: %s",
				    archive_error_string(c->a));
	/* A sparse file's last hole is in its size, not in its blocks. */
	if (archive_entry_size_is_set(ae) && ftruncate(fd, (off_t)archive_entry_size(ae)) < 0)
		return apply_fail(c, -errno, "cannot write the file");
	return 0;
}

static int make_file(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		     const char *path)
{
	int fd = openat(parent, last, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int r;

	if (fd < 0)
		return apply_fail(c, -errno, "cannot create the file");
	r = copy_data(c, ae, fd);
	if (r == 0)
		r = metadata_apply(c, ae, parent, last, fd, path);
	close(fd);
	c->st->files += r == 0;
	return r;
}

static int make_dir(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		    const char *path, bool kept)
{
	int fd, r;

	if (!kept && mkdirat(parent, last, 0700) < 0)
		return apply_fail(c, -errno, "cannot make the directory");
	fd = openat(parent, last, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return apply_fail(c, -errno, "cannot open the directory");
	r = metadata_apply(c, ae, parent, last, fd, path);
	close(fd);
	c->st->dirs += r == 0;
	return r;
}

/* The target of a hard link: a non-directory already in the tree, resolved
 * inside the root like any entry. Returns the fd of its directory, with
 * *tlast its last component, or -errno, recorded. */
static int link_target(struct apply_ctx *c, const char *target, const char *path,
		       const char **tlast)
{
	char tpath[PATH_MAX];
	struct stat st;
	int fd;

	if (target[0] == '/' || entry_path_normalize(target, tpath, sizeof(tpath)) < 0 || !*tpath)
		return apply_refuse(c, -EINVAL,
				    "a hard link must name a file inside the tree, relative to its "
				    "root, without '..'");
	if (!strcmp(tpath, path))
		return apply_refuse(c, -EINVAL, "a hard link cannot name itself");
	fd = in_root_parent(c->root_fd, tpath, 0, IN_ROOT_LINKS_REFUSE, tlast);
	if (fd >= 0 && fstatat(fd, *tlast, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		close(fd);
		fd = -errno;
	}
	if (fd == -ELOOP)
		return apply_refuse(
		    c, -EINVAL, "its hard link target '%s' goes through a symbolic link", tpath);
	if (fd < 0)
		return apply_refuse(c, -EINVAL, "its hard link target '%s' is not in the tree",
				    tpath);
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return apply_refuse(c, -EINVAL, "a hard link cannot name a directory");
	}
	return fd;
}

static int make_hardlink(struct apply_ctx *c, const char *target, int parent, const char *last,
			 const char *path)
{
	const char *tlast = "";
	int tfd = link_target(c, target, path, &tlast), r;

	if (tfd < 0)
		return tfd;
	r = make_room(parent, last, false);
	if (r < 0)
		r = apply_fail(c, r, "cannot remove what was there");
	else if (linkat(tfd, tlast, parent, last, 0) < 0)
		r = apply_fail(c, -errno, "cannot make the hard link");
	close(tfd);
	c->st->hardlinks += r == 0;
	return r;
}

static int make_symlink(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
			const char *path)
{
	const char *target = archive_entry_symlink(ae);

	if (!target || !*target)
		return apply_refuse(c, -EINVAL, "a symbolic link must have a target");
	if (symlinkat(target, parent, last) < 0)
		return apply_fail(c, -errno, "cannot make the symbolic link");
	c->st->symlinks++;
	return metadata_apply(c, ae, parent, last, -1, path);
}

/* A fifo, or a device when the caller may make them (else counted). */
static int make_node(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		     const char *path, mode_t type)
{
	dev_t dev = 0;

	if (type != S_IFIFO) {
		if (!c->opts->make_devices) {
			c->st->devices_skipped++;
			return 0;
		}
		dev = makedev(archive_entry_rdevmajor(ae), archive_entry_rdevminor(ae));
	}
	if (mknodat(parent, last, type | 0600, dev) < 0)
		return apply_fail(
		    c, -errno, type == S_IFIFO ? "cannot make the fifo" : "cannot make the device");
	if (type == S_IFIFO)
		c->st->fifos++;
	else
		c->st->devices++;
	return metadata_apply(c, ae, parent, last, -1, path);
}

static int make_typed(struct apply_ctx *c, struct archive_entry *ae, int parent, const char *last,
		      const char *path)
{
	mode_t type = archive_entry_filetype(ae);
	int r;

	if (type != AE_IFREG && type != AE_IFDIR && type != AE_IFLNK && type != AE_IFIFO &&
	    type != AE_IFCHR && type != AE_IFBLK)
		return apply_refuse(c, -EINVAL, "its type (%s) cannot be in a layer",
				    type == AE_IFSOCK ? "a socket" : "unknown");
	r = make_room(parent, last, type == AE_IFDIR);
	if (r < 0)
		return apply_fail(c, r, "cannot remove what was there");
	if (type == AE_IFREG)
		return make_file(c, ae, parent, last, path);
	if (type == AE_IFDIR)
		return make_dir(c, ae, parent, last, path, r == 1);
	if (type == AE_IFLNK)
		return make_symlink(c, ae, parent, last, path);
	return make_node(c, ae, parent, last, path, type);
}

int make_entry(struct apply_ctx *c, struct archive_entry *ae, const char *path)
{
	const char *last, *target = archive_entry_hardlink(ae);
	int parent =
		in_root_parent(c->root_fd, path, IMPLIED_DIR_MODE, IN_ROOT_LINKS_REFUSE, &last),
	    r;

	if (parent < 0)
		return apply_parent_fail(c, parent);
	if (target)
		r = make_hardlink(c, target, parent, last, path);
	else
		r = make_typed(c, ae, parent, last, path);
	close(parent);
	return r;
}
