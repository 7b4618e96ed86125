/* Staging and publishing rosetta-mkroot's product; see output.h. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ext4.h"
#include "init_conf.h"
#include "lib/contract.h"
#include "lib/in_root.h"
#include "remove_tree.h"

/* The image configuration file is small; its first line is all this reads. */
#define CONF_HEAD_MAX 4096

static int dir_conf(const char *output, char *buf, size_t size)
{
	int root = open(output, O_PATH | O_DIRECTORY | O_CLOEXEC), fd;
	ssize_t n;

	if (root < 0)
		return -errno;
	fd = in_root_open(root, IMAGE_CONFIG_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
	close(root);
	if (fd < 0)
		return fd;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

int output_state(const char *output, enum mkroot_format format, const char *digest,
		 struct error_record *e)
{
	char text[CONF_HEAD_MAX], made[80];
	struct stat st;
	int r;

	if (lstat(output, &st) < 0)
		return errno == ENOENT ? OUTPUT_ABSENT
				       : error_system(e, -errno, "cannot look at %s: %m", output);
	if (format == MKROOT_FORMAT_DIR && S_ISDIR(st.st_mode))
		r = dir_conf(output, text, sizeof(text));
	else if (format == MKROOT_FORMAT_EXT4 && S_ISREG(st.st_mode))
		r = ext4_read_file(output, IMAGE_CONFIG_FILE, text, sizeof(text));
	else
		r = -EINVAL;
	if (r == 0)
		r = init_conf_manifest(text, made, sizeof(made));
	if (r < 0)
		return error_set(e, -EEXIST,
				 "%s exists and is not a rosetta-mkroot %s: remove it or choose "
				 "another OUTPUT",
				 output, format == MKROOT_FORMAT_DIR ? "directory" : "ext4 image");
	return strcmp(made, digest) ? OUTPUT_STALE : OUTPUT_CURRENT;
}

int output_stage(const char *output, char *staging, size_t size, struct error_record *e)
{
	int n = snprintf(staging, size, "%s.partial-XXXXXX", output);

	if (n < 0 || (size_t)n >= size)
		return error_set(e, -ENAMETOOLONG, "OUTPUT name too long: %s", output);
	if (!mkdtemp(staging))
		return error_system(e, -errno, "cannot make a staging directory beside %s: %m",
				    output);
	/* mkdtemp's 0700 would become the root's mode. */
	if (chmod(staging, 0755) < 0) {
		int r = error_system(e, -errno, "cannot set the mode of %s: %m", staging);

		output_discard(staging);
		return r;
	}
	return 0;
}

void output_discard(const char *staging)
{
	remove_tree_at(AT_FDCWD, staging);
}

/* Rename staging to output; when a directory is already there, either it is this
 * manifest's (a run beside ours finished first: ours goes) or a stale one, swapped out and
 * removed. */
static int publish_dir(const char *staging, const char *output, const char *digest,
		       struct error_record *e)
{
	int r;

	if (renameat2(AT_FDCWD, staging, AT_FDCWD, output, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EEXIST)
		return error_system(e, -errno, "cannot rename %s to %s: %m", staging, output);
	r = output_state(output, MKROOT_FORMAT_DIR, digest, e);
	if (r == OUTPUT_STALE &&
	    renameat2(AT_FDCWD, staging, AT_FDCWD, output, RENAME_EXCHANGE) < 0)
		r = error_system(e, -errno, "cannot replace %s: %m", output);
	output_discard(staging);
	return r < 0 ? r : 0;
}

/* The image goes beside output under a temporary name, then over it. */
static int publish_ext4(const char *staging, const char *output, struct error_record *e)
{
	char tmp[PATH_MAX];
	int n = snprintf(tmp, sizeof(tmp), "%s.ext4", staging), r;

	if (n < 0 || (size_t)n >= sizeof(tmp))
		r = error_set(e, -ENAMETOOLONG, "OUTPUT name too long: %s", output);
	else if ((r = ext4_make(staging, tmp, e)) == 0 && rename(tmp, output) < 0)
		r = error_system(e, -errno, "cannot rename %s to %s: %m", tmp, output);
	if (r < 0 && n > 0 && (size_t)n < sizeof(tmp))
		unlink(tmp);
	output_discard(staging);
	return r;
}

int output_publish(const char *staging, const char *output, enum mkroot_format format,
		   const char *digest, struct error_record *e)
{
	if (format == MKROOT_FORMAT_EXT4)
		return publish_ext4(staging, output, e);
	return publish_dir(staging, output, digest, e);
}
