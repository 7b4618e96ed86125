/* Reading a configuration file through zlib, which gives a plain file as it
 * is and a gzip file uncompressed, so one reader serves .config and
 * config.gz; bounded, so that a huge file or a gzip bomb is refused rather
 * than filling memory. See config.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK ((size_t)64 << 10)

#define RUNNING_REMEDY                                                                             \
	"the running kernel does not publish its configuration: build it with "                    \
	"CONFIG_IKCONFIG_PROC=y (with CONFIG_IKCONFIG=m, load the configs module first), or "      \
	"name a .config file"

static int too_large(struct error_record *e, const char *path)
{
	return error_set(e, -EFBIG, "%s holds more than %u MiB: not a kernel configuration", path,
			 KCONFIG_MAX_BYTES >> 20);
}

/* O_NONBLOCK: a FIFO in the file's place cannot hang the open. */
static int open_regular(const char *path, const char *remedy, struct error_record *e)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), r;

	if (fd < 0 && errno == ENOENT && remedy)
		return error_set(e, -ENOENT, "%s does not exist, so %s", path, remedy);
	if (fd < 0)
		return error_set(e, -errno, "cannot open %s: %m", path);
	if (fstat(fd, &st) < 0)
		r = error_system(e, -errno, "cannot read %s: %m", path);
	else if (!S_ISREG(st.st_mode))
		r = error_set(e, -EINVAL, "%s is not a regular file", path);
	else if ((unsigned long long)st.st_size > KCONFIG_MAX_BYTES)
		r = too_large(e, path);
	else
		return fd;
	close(fd);
	return r;
}

/* Why gzread stopped, as an errno and a message; err is errno as it left
 * it, for a failed read. */
static int gz_failure(gzFile gz, const char *path, int err, struct error_record *e)
{
	int zerr;
	const char *msg = gzerror(gz, &zerr);

	switch (zerr) {
	case Z_BUF_ERROR:
		return error_set(e, -EINVAL, "%s: truncated gzip data (%s)", path, msg);
	case Z_DATA_ERROR:
		return error_set(e, -EINVAL, "%s: corrupt gzip data (%s)", path, msg);
	case Z_MEM_ERROR:
		return error_system(e, -ENOMEM, "%s: out of memory", path);
	default:
		return error_system(e, err ? -err : -EIO, "cannot read %s: %m", path);
	}
}

/* The whole uncompressed text in *buf (*len bytes), at most
 * KCONFIG_MAX_BYTES. */
static int inflate_all(gzFile gz, const char *path, char **buf, size_t *len, struct error_record *e)
{
	size_t cap = 0, n = 0;
	char *b = NULL;
	int got, zerr, err;

	do {
		if (cap - n < CHUNK) {
			char *nb = realloc(b, cap ? 2 * cap : 4 * CHUNK);

			if (!nb) {
				free(b);
				return error_system(e, -ENOMEM, "%s: out of memory", path);
			}
			b = nb;
			cap = cap ? 2 * cap : 4 * CHUNK;
		}
		errno = 0;
		got = gzread(gz, b + n, (unsigned int)CHUNK);
		n += got > 0 ? (size_t)got : 0;
	} while (got > 0 && n <= KCONFIG_MAX_BYTES);
	err = errno;
	gzerror(gz, &zerr);
	if (got < 0 || zerr != Z_OK || n > KCONFIG_MAX_BYTES) {
		free(b);
		return n > KCONFIG_MAX_BYTES ? too_large(e, path) : gz_failure(gz, path, err, e);
	}
	*buf = b;
	*len = n;
	return 0;
}

/* remedy: what to say when the file does not exist, NULL for the usual. */
static int read_file(struct kconfig *c, const char *path, const char *remedy,
		     struct error_record *e)
{
	int fd = open_regular(path, remedy, e), r;
	gzFile gz;
	char *text = NULL;
	size_t len = 0;
	bool gzip;

	if (fd < 0)
		return fd;
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return error_system(e, -ENOMEM, "%s: out of memory", path);
	}
	r = inflate_all(gz, path, &text, &len, e);
	gzip = !gzdirect(gz);
	gzclose_r(gz);
	if (r < 0)
		return r;
	r = kconfig_parse(c, text, len, path, e);
	free(text);
	if (r == 0)
		c->gzip = gzip;
	return r;
}

int kconfig_read(struct kconfig *c, const char *path, struct error_record *e)
{
	return read_file(c, path, NULL, e);
}

/* The kernel's "aarch64" is Kconfig's "arm64". */
static void uname_facts(struct kconfig *c)
{
	struct utsname u;

	if (uname(&u) < 0)
		return;
	if (!c->arch[0])
		snprintf(c->arch, sizeof(c->arch), "%.*s", (int)sizeof(c->arch) - 1,
			 strcmp(u.machine, "aarch64") ? u.machine : "arm64");
	if (!c->version[0])
		snprintf(c->version, sizeof(c->version), "%.*s", (int)sizeof(c->version) - 1,
			 u.release);
}

int kconfig_read_running(struct kconfig *c, const char *path, struct error_record *e)
{
	int r = read_file(c, path, RUNNING_REMEDY, e);

	if (r == 0)
		uname_facts(c);
	return r;
}
