/* Looking at the host before a launch; see host.h. */
#include <blkid/blkid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"
#include "lib/io.h"

static int check_executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EACCES;
	if (access(path, X_OK) < 0)
		return -errno;
	return 0;
}

static int copy_path(const char *path, char *out, size_t size)
{
	if ((size_t)snprintf(out, size, "%s", path) >= size)
		return -ENAMETOOLONG;
	return 0;
}

static int search_path(const char *name, const char *path_env, char *out, size_t size)
{
	const char *dir = path_env, *colon;
	int n;

	for (; *dir; dir = *colon ? colon + 1 : colon) {
		colon = strchrnul(dir, ':');
		/* An empty entry would mean the current directory: not a place to run from. */
		if (colon == dir)
			continue;
		n = snprintf(out, size, "%.*s/%s", (int)(colon - dir), dir, name);
		if (n < 0 || (size_t)n >= size)
			continue;
		if (check_executable(out) == 0)
			return 0;
	}
	return -ENOENT;
}

int launch_find_program(const char *name, const char *path_env, char *out, size_t size)
{
	if (*name == '\0')
		return -ENOENT;
	if (strchr(name, '/')) {
		int r = check_executable(name);

		return r < 0 ? r : copy_path(name, out, size);
	}
	return search_path(name, path_env ? path_env : "/bin:/usr/bin", out, size);
}

int launch_find_virtiofsd(const char *override, const char *path_env, char *out, size_t size)
{
	if (override)
		return launch_find_program(override, path_env, out, size);
	if (check_executable(LAUNCH_VIRTIOFSD_DEFAULT) == 0)
		return copy_path(LAUNCH_VIRTIOFSD_DEFAULT, out, size);
	return launch_find_program(LAUNCH_VIRTIOFSD_NAME, path_env, out, size);
}

int launch_check_readable(const char *path)
{
	struct stat st;
	int fd, r = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		r = -errno;
	else if (S_ISDIR(st.st_mode))
		r = -EISDIR;
	else if (!S_ISREG(st.st_mode))
		r = -EINVAL;
	close(fd);
	return r;
}

/* A file or block device: 0, or -EISDIR, -EINVAL, -errno. */
static int image_type(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	return S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) ? 0 : -EINVAL;
}

int launch_probe_image(const char *path, bool *qcow2)
{
	static const char magic[4] = { 'Q', 'F', 'I', '\xfb' };
	int fd, r;

	*qcow2 = false;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	r = image_type(fd);
	if (r == 0) {
		char head[sizeof(magic)];
		ssize_t n = pread(fd, head, sizeof(head), 0);

		if (n < 0)
			r = -errno;
		else
			*qcow2 = n == (ssize_t)sizeof(head) && !memcmp(head, magic, sizeof(magic));
	}
	close(fd);
	return r;
}

/* A type the kernel command line carries as one word: libblkid's names are short words. */
static bool plain_word(const char *s)
{
	return s[0] &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
		   strlen(s);
}

int launch_image_fstype(const char *path, char *type, size_t size)
{
	const char *value = NULL, *usage = NULL;
	blkid_probe pr;
	int r;

	type[0] = '\0';
	errno = 0;
	pr = blkid_new_probe_from_filename(path);
	if (!pr)
		return errno ? -errno : -ENOMEM;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE);
	/* 1: nothing found; -2: ambiguous, which the guest's probe refuses too. */
	r = blkid_do_safeprobe(pr);
	if (r == 0 && blkid_probe_lookup_value(pr, "USAGE", &usage, NULL) == 0 &&
	    !strcmp(usage, "filesystem") &&
	    blkid_probe_lookup_value(pr, "TYPE", &value, NULL) == 0 && plain_word(value) &&
	    strlen(value) < size)
		memcpy(type, value, strlen(value) + 1);
	blkid_free_probe(pr);
	return r == -1 ? -EIO : 0;
}

ssize_t launch_read_head(const char *path, void *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pread_full(fd, buf, size, 0);
	close(fd);
	return n;
}

int launch_check_writable(const char *path)
{
	return access(path, W_OK) < 0 ? -errno : 0;
}

int launch_check_dir(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

int launch_probe_kvm(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}
