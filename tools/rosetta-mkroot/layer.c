/* One layer's tar read entry by entry and applied onto the root; see
 * layer.h. Only the tar formats and the gzip and zstd filters are read: an
 * OCI layer is nothing else, and libarchive's other filters may run external
 * programs. */
#include "layer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "entry_path.h"
#include "lib/in_root.h"

/* libarchive's read size from the layer's fd. */
#define LAYER_BLOCK ((size_t)64 * 1024)

/* A directory entry naming the root gives the root its attributes; any
 * other entry would replace the root. */
static int apply_root(struct apply_ctx *c, struct archive_entry *ae)
{
	int fd, r;

	if (archive_entry_hardlink(ae) || archive_entry_filetype(ae) != AE_IFDIR)
		return apply_refuse(c, -EINVAL, "only a directory can name the root");
	fd = in_root_open(c->root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return apply_fail(c, fd, "cannot open the root");
	r = metadata_apply(c, ae, fd, "", fd, "");
	close(fd);
	return r;
}

/* A whiteout names a file; one as a directory holding others is no
 * whiteout a layer writer makes. */
static bool whiteout_inside(const char *path)
{
	const char *slash = strrchr(path, '/');

	for (const char *p = path; slash && p < slash; p = strchr(p, '/') + 1)
		if (!strncmp(p, ".wh.", 4))
			return true;
	return false;
}

static int apply_entry(struct apply_ctx *c, struct archive_entry *ae)
{
	const char *base;
	char path[PATH_MAX];
	int r;

	c->name = archive_entry_pathname(ae);
	r = entry_path_normalize(c->name, path, sizeof(path));
	if (r == -ENAMETOOLONG)
		return apply_refuse(c, r, "its name is too long");
	if (r < 0)
		return apply_refuse(c, r, "a name cannot have a '..' component");
	/* "/" alone is the root, as "./" is; any other absolute name is refused. */
	if (c->name[0] == '/' && *path)
		return apply_refuse(
		    c, -EINVAL, "an absolute name: a layer names its entries relative to the root");
	if (!*path)
		return apply_root(c, ae);
	if (whiteout_inside(path))
		return apply_refuse(c, -EINVAL, "a whiteout cannot hold other entries");
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strncmp(base, ".wh.", 4))
		return whiteout_apply(c, path);
	if (path_set_add(&c->written, path) < 0)
		return apply_fail(c, -ENOMEM, "cannot remember the path");
	return make_entry(c, ae, path);
}

static int read_error(struct apply_ctx *c)
{
	int err = archive_errno(c->a);
	const char *text = archive_error_string(c->a);

	text = text ? text : "no tar";
	if (err == ENOMEM || err == EIO)
		return error_system(c->e, -err, "%s: cannot read the layer: %s", c->label, text);
	return error_set(c->e, -EINVAL, "%s: not a valid layer: %s", c->label, text);
}

static int apply_all(struct apply_ctx *c, int layer_fd)
{
	struct archive_entry *ae;
	int r = 0;

	if (lseek(layer_fd, 0, SEEK_SET) < 0)
		return error_system(c->e, -errno, "%s: cannot read the layer: %m", c->label);
	if (archive_read_support_filter_gzip(c->a) != ARCHIVE_OK ||
	    archive_read_support_filter_zstd(c->a) != ARCHIVE_OK ||
	    archive_read_support_format_tar(c->a) != ARCHIVE_OK ||
	    archive_read_support_format_empty(c->a) != ARCHIVE_OK ||
	    archive_read_open_fd(c->a, layer_fd, LAYER_BLOCK) != ARCHIVE_OK)
		return read_error(c);
	while (r == 0) {
		int ar = archive_read_next_header(c->a, &ae);

		if (ar == ARCHIVE_EOF || (ar == ARCHIVE_FATAL && c->ended_in_padding))
			break;
		/* A warning (a name libarchive could not convert) keeps the
		 * bytes as the tar has them. */
		if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN)
			return read_error(c);
		r = apply_entry(c, ae);
	}
	return r;
}

int layer_apply(int root_fd, int layer_fd, const char *label, const struct layer_opts *opts,
		struct dir_times *dt, struct layer_stats *st, struct error_record *e)
{
	struct apply_ctx c = {
		.root_fd = root_fd,
		.opts = opts,
		.st = st,
		.dt = dt,
		.label = label,
		.e = e,
	};
	int r;

	c.a = archive_read_new();
	if (!c.a)
		return error_system(e, -ENOMEM, "%s: cannot read the layer: %m", label);
	r = apply_all(&c, layer_fd);
	archive_read_free(c.a);
	path_set_free(&c.written);
	return r;
}
