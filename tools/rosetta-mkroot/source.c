/* image_open: what IMAGE names (a layout directory with an optional ":TAG", or a
 * tar unpacked into a temp directory), then the reader of its form: an OCI
 * layout wherever there is an index.json (Docker 25's save has both), else a
 * docker save's manifest.json. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reader.h"

/* The path and tag arg names: the whole arg when it exists, else split at its last ':'. */
static int arg_split(const char *arg, char **path, const char **tag, struct stat *st,
		     struct error_record *e)
{
	const char *colon = strrchr(arg, ':');

	*tag = NULL;
	if (stat(arg, st) == 0 || !colon || colon == arg) {
		*path = strdup(arg);
	} else {
		*path = strndup(arg, (size_t)(colon - arg));
		*tag = colon + 1;
	}
	if (!*path)
		return error_system(e, -ENOMEM, "%s: %m", arg);
	if (*tag && !**tag)
		return error_set(e, -EINVAL, "%s: an empty tag", arg);
	if (stat(*path, st) < 0)
		return error_set(e, -errno, "%s: %m", *path);
	return 0;
}

static int layout_open(struct image *img, const char *path, const struct stat *st,
		       const char *tmp_parent, struct error_record *e)
{
	int r;

	if (S_ISDIR(st->st_mode)) {
		img->layout_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		return img->layout_fd < 0 ? error_system(e, -errno, "%s: %m", path) : 0;
	}
	if (!S_ISREG(st->st_mode))
		return error_set(e, -EINVAL, "%s: not a directory or a tar file", path);
	r = tmpdir_make(tmp_parent, img->tmpdir, sizeof(img->tmpdir), e);
	if (r < 0)
		return r;
	img->layout_fd = open(img->tmpdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (img->layout_fd < 0)
		return error_system(e, -errno, "%s: %m", img->tmpdir);
	return unpack_tar(path, img->layout_fd, e);
}

static int form_read(struct image *img, const char *path, const char *tag,
		     const struct platform *want, struct error_record *e)
{
	if (faccessat(img->layout_fd, "index.json", F_OK, 0) == 0)
		return layout_read(img, tag, want, e);
	if (faccessat(img->layout_fd, "manifest.json", F_OK, 0) == 0)
		return docker_read(img, tag, want, e);
	return error_set(
	    e, -EINVAL,
	    "%s: neither an OCI image layout (index.json) nor a docker save (manifest.json)", path);
}

int image_open(const char *arg, const char *platform, const char *tmp_parent, struct image *img,
	       struct error_record *e)
{
	struct platform want;
	const char *tag;
	char *path = NULL;
	struct stat st;
	int r;

	memset(img, 0, sizeof(*img));
	img->layout_fd = -1;
	if (e)
		error_init(e);
	r = platform_parse(platform ? platform : "linux/amd64", &want, e);
	if (r == 0)
		r = arg_split(arg, &path, &tag, &st, e);
	if (r == 0)
		r = layout_open(img, path, &st, tmp_parent, e);
	if (r == 0)
		r = form_read(img, path, tag, &want, e);
	free(path);
	if (r < 0)
		image_close(img);
	return r;
}

void image_close(struct image *img)
{
	if (img->layout_fd >= 0)
		close(img->layout_fd);
	if (img->tmpdir[0])
		tmpdir_remove(img->tmpdir);
	blob_ref_free(&img->manifest);
	blob_ref_free(&img->config);
	for (size_t i = 0; i < img->nlayers; i++)
		blob_ref_free(&img->layers[i]);
	free(img->layers);
	image_config_free(&img->cfg);
	memset(img, 0, sizeof(*img));
	img->layout_fd = -1;
}
