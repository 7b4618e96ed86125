/* One run of rosetta-mkroot; see run.h. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"
#include "image_command.h"
#include "image_user.h"
#include "init_conf.h"
#include "lib/contract.h"
#include "lib/fs.h"
#include "lib/in_root.h"
#include "lib/io.h"
#include "output.h"

/* The cache's unpacked images: CACHE/roots/HEX, HEX the manifest digest's. */
#define CACHE_ROOTS "roots"

/* The directory the product goes in: OUTPUT's, or the cache's (made). A tar image is unpacked
 * there too, on the file system that will hold the root rather than in a small /tmp. */
static int output_parent(const struct mkroot_options *o, const char *cache, char *dir, size_t size,
			 struct error_record *e)
{
	const char *slash = o->output ? strrchr(o->output, '/') : NULL;
	int n, r;

	if (o->output && !slash)
		n = snprintf(dir, size, ".");
	else if (o->output)
		n = snprintf(dir, size, "%.*s", slash == o->output ? 1 : (int)(slash - o->output),
			     o->output);
	else
		n = snprintf(dir, size, "%s/" CACHE_ROOTS, cache);
	if (n < 0 || (size_t)n >= size)
		return error_set(e, -ENAMETOOLONG, "directory name too long: %s",
				 o->output ? o->output : cache);
	/* The cache's roots hold what images put there, set-id programs and, as root,
	 * device nodes: for the user who unpacked them only. */
	if (!o->output &&
	    ((r = make_dirs(dir, 0700)) < 0 || (r = chmod(dir, 0700) < 0 ? -errno : 0) < 0))
		return error_system(e, r, "cannot make the cache directory %s: %m", dir);
	return 0;
}

static int set_output(const struct mkroot_options *o, const char *parent, const char *digest,
		      struct mkroot_result *res, struct error_record *e)
{
	int n = o->output ? snprintf(res->output, sizeof(res->output), "%s", o->output)
			  : snprintf(res->output, sizeof(res->output), "%s/%s", parent,
				     digest + strlen("sha256:"));

	if (n < 0 || (size_t)n >= sizeof(res->output))
		return error_set(e, -ENAMETOOLONG, "OUTPUT name too long: %s/...", parent);
	return 0;
}

static int apply_layers(int root, const struct image *img, struct dir_times *dt,
			struct mkroot_result *res, struct error_record *e)
{
	struct layer_opts opts = { .make_devices = geteuid() == 0, .keep_owners = geteuid() == 0 };

	for (size_t i = 0; i < img->nlayers; i++) {
		char label[64];
		int fd = image_blob_open(img, &img->layers[i], e), r;

		if (fd < 0)
			return fd;
		snprintf(label, sizeof(label), "layer %zu (%.19s)", i + 1, img->layers[i].digest);
		r = layer_apply(root, fd, label, &opts, dt, &res->stats, e);
		close(fd);
		if (r < 0)
			return r;
	}
	res->nlayers = (unsigned int)img->nlayers;
	return 0;
}

/* mkdir -p inside the root: the image's WorkingDir, which a runtime makes when missing. */
static int make_dir_in_root(int root, const char *path)
{
	const char *last;
	int dir = in_root_parent(root, path, 0755, IN_ROOT_LINKS_FOLLOW, &last), r = 0;

	if (dir == -EINVAL)
		return 0; /* "/" or a path ending in "/": nothing is left to make */
	if (dir < 0)
		return dir;
	if (mkdirat(dir, last, 0755) < 0 && errno != EEXIST)
		r = -errno;
	close(dir);
	return r;
}

static int write_conf_file(int root, const char *text, struct error_record *e)
{
	const char *last;
	int dir = in_root_parent(root, IMAGE_CONFIG_FILE, 0755, IN_ROOT_LINKS_FOLLOW, &last), fd, r;

	if (dir < 0)
		return error_system(e, dir, "cannot make the directory of %s in the root: %m",
				    IMAGE_CONFIG_FILE);
	/* An image's own file of that name is replaced, never written through. */
	r = unlinkat(dir, last, 0) < 0 && errno != ENOENT ? -errno : 0;
	fd = r < 0 ? r
		   : openat(dir, last, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && r == 0)
		r = -errno;
	close(dir);
	if (r == 0) {
		r = write_all(fd, text, strlen(text));
		if (close(fd) < 0 && r == 0)
			r = -errno;
	}
	return r < 0 ? error_system(e, r, "cannot write %s in the root: %m", IMAGE_CONFIG_FILE) : 0;
}

/* The image's configuration in rosetta-init's terms, its user resolved in the root and its
 * working directory made there, as a container runtime would. */
static int write_conf(int root, struct image *img, struct error_record *e)
{
	struct image_config *ic = &img->cfg;
	uid_t uid = 0;
	gid_t gid = 0;
	char *text = NULL;
	int r = 0;

	if (ic->user)
		r = image_user_resolve(root, ic->user, &uid, &gid, e);
	if (r == 0 && ic->workdir && (r = make_dir_in_root(root, ic->workdir)) < 0)
		r = error_system(e, r, "cannot make the image's WorkingDir %s: %m", ic->workdir);
	if (r == 0)
		r = image_command_resolve(root, ic, e);
	if (r == 0)
		r = init_conf_render(ic, uid, gid, ic->user != NULL, img->manifest.digest, &text,
				     e);
	if (r == 0)
		r = write_conf_file(root, text, e);
	free(text);
	return r;
}

static int unpack(const char *staging, struct image *img, struct mkroot_result *res,
		  struct error_record *e)
{
	struct dir_times dt = { 0 };
	int root = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r;

	if (root < 0)
		return error_system(e, -errno, "cannot open %s: %m", staging);
	r = apply_layers(root, img, &dt, res, e);
	if (r == 0)
		r = write_conf(root, img, e);
	if (r == 0)
		r = dir_times_apply(root, &dt, e);
	dir_times_free(&dt);
	close(root);
	return r;
}

static int make_root(const struct mkroot_options *o, struct image *img, struct mkroot_result *res,
		     struct error_record *e)
{
	char staging[PATH_MAX];
	int r = output_state(res->output, o->format, img->manifest.digest, e);

	if (r == OUTPUT_CURRENT)
		res->reused = true;
	if (r < 0 || r == OUTPUT_CURRENT)
		return r < 0 ? r : 0;
	r = output_stage(res->output, staging, sizeof(staging), e);
	if (r < 0)
		return r;
	r = unpack(staging, img, res, e);
	if (r < 0) {
		output_discard(staging);
		return r;
	}
	return output_publish(staging, res->output, o->format, img->manifest.digest, e);
}

int mkroot_run(const struct mkroot_options *o, const char *cache, struct mkroot_result *res,
	       struct error_record *e)
{
	char parent[PATH_MAX];
	struct image img;
	int r;

	memset(res, 0, sizeof(*res));
	r = output_parent(o, cache, parent, sizeof(parent), e);
	if (r == 0)
		r = image_open(o->image, o->platform, parent, &img, e);
	if (r < 0)
		return r;
	snprintf(res->manifest, sizeof(res->manifest), "%s", img.manifest.digest);
	snprintf(res->platform, sizeof(res->platform), "%s", img.platform);
	r = set_output(o, parent, img.manifest.digest, res, e);
	if (r == 0)
		r = make_root(o, &img, res, e);
	image_close(&img);
	return r;
}
