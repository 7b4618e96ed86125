/* Reading the spec file named by --spec. The file must be a regular file; it is read with the
 * project's bounded whole-file reader (read_whole_file), which opens it O_NONBLOCK and stops
 * past SPEC_FILE_MAX bytes, so that a FIFO or a device put in its place after the check
 * still cannot hang the tool or make it read without end. */
#include "spec.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "lib/whole_file.h"

static const char *type_name(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return "directory";
	case S_IFIFO:
		return "FIFO";
	case S_IFCHR:
		return "character device";
	case S_IFBLK:
		return "block device";
	case S_IFSOCK:
		return "socket";
	default:
		return "unknown file type";
	}
}

static int read_failed(const char *path, int r, struct error_record *err)
{
	if (r == -EFBIG) {
		error_set(err, -EINVAL,
			  "cannot read spec file %s: larger than the limit of %u bytes", path,
			  SPEC_FILE_MAX);
		return r;
	}
	if (r == -ENOMEM)
		return error_system(err, r, "cannot read spec file %s: %m", path);
	return error_set(err, r, "cannot read spec file %s: %m", path);
}

int spec_load(const char *path, struct entry_list *out, struct error_record *err)
{
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	int r;

	/* stat does not open: a FIFO is not waited on, a device not read. */
	if (stat(path, &st) < 0)
		return error_set(err, -errno, "cannot open spec file %s: %m", path);
	if (!S_ISREG(st.st_mode))
		return error_set(err, -EINVAL, "cannot read spec file %s: not a regular file (%s)",
				 path, type_name(st.st_mode));
	r = read_whole_file(path, SPEC_FILE_MAX, &text, &len);
	if (r < 0)
		return read_failed(path, r, err);
	r = spec_parse_text(text, len, path, out, err);
	free(text);
	return r;
}
