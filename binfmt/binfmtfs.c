/* binfmt_misc filesystem operations: detection, mounting, reading entries,
 * registering and controlling them. */
#include "binfmtfs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

int binfmt_fs_is_mounted(const char *dir)
{
	struct statfs sfs;
	int fd, r;

	/* O_PATH first, as systemd does: statfs on a path under /proc/sys could
	 * trigger the automount that some systems put there. */
	fd = open(dir, O_PATH | O_CLOEXEC | O_DIRECTORY);
	if (fd < 0)
		return -errno;
	r = fstatfs(fd, &sfs);
	if (r < 0)
		r = -errno;
	else
		r = sfs.f_type == BINFMTFS_MAGIC;
	close(fd);
	return r;
}

static int path_in(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[BINFMT_PATH_MAX + BINFMT_NAME_MAX];
	ssize_t n;
	int fd, r = path_in(path, sizeof(path), dir, name);

	if (r < 0)
		return r;
	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	/* binfmt_misc takes each write as one whole command. */
	n = write(fd, text, len);
	r = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

int binfmt_fs_read(const char *dir, const char *name, struct binfmt_status *st)
{
	char path[BINFMT_PATH_MAX + BINFMT_NAME_MAX], text[2 * BINFMT_PATH_MAX];
	ssize_t n;
	int fd, r = path_in(path, sizeof(path), dir, name);

	if (r < 0)
		return r;
	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	n = read(fd, text, sizeof(text) - 1);
	r = n < 0 ? -errno : 0;
	close(fd);
	if (r < 0)
		return r;
	text[n] = '\0';
	return binfmt_status_parse(text, st);
}

int binfmt_fs_control(const char *dir, const char *name, const char *word)
{
	if (!*name || strchr(name, '/') || !strcmp(name, "register") || !strcmp(name, "status"))
		return -EINVAL;
	return write_file(dir, name, word, strlen(word));
}

int binfmt_fs_register(const char *dir, const struct binfmt_entry *e)
{
	char line[2 * BINFMT_PATH_MAX + 8 * BINFMT_MAGIC_MAX];
	int len = binfmt_entry_format(e, line, sizeof(line));

	if (len < 0)
		return len;
	return write_file(dir, "register", line, (size_t)len);
}

int binfmt_fs_install(const char *dir, const struct binfmt_entry *e,
		      enum binfmt_install_action *action)
{
	struct binfmt_status st;
	int r = binfmt_fs_read(dir, e->name, &st);

	if (r == 0 && binfmt_status_matches(&st, e)) {
		*action = BINFMT_KEPT;
		return 0;
	}
	if (r < 0 && r != -ENOENT)
		return r;
	*action = r == 0 ? BINFMT_REPLACED : BINFMT_ADDED;
	if (r == 0) {
		r = binfmt_fs_control(dir, e->name, "-1");
		if (r < 0)
			return r;
	}
	r = binfmt_fs_register(dir, e);
	if (r == 0)
		r = binfmt_fs_read(dir, e->name, &st);
	if (r == 0 && !binfmt_status_matches(&st, e))
		r = -EPROTO;
	return r;
}
