/* Looking the image's command up in its root; see image_command.h. */
#include "image_command.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/contract.h"
#include "lib/in_root.h"

/* The value of the image's PATH, or DEFAULT_PATH. */
static const char *image_path(const struct image_config *ic)
{
	for (size_t i = 0; i < ic->env_count; i++)
		if (!strncmp(ic->env[i], "PATH=", 5))
			return ic->env[i] + 5;
	return DEFAULT_PATH;
}

/* Whether path is, inside the root, a file someone may execute (links followed there). */
static bool executable(int root_fd, const char *path)
{
	int fd = in_root_open(root_fd, path, O_PATH | O_CLOEXEC, 0);
	struct stat st;
	bool ok;

	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
	close(fd);
	return ok;
}

static int take(struct image_config *ic, const char *path, struct error_record *e)
{
	char *copy = strdup(path);

	if (!copy)
		return error_system(e, -ENOMEM, "the image's command: %m");
	free(ic->entry[0]);
	ic->entry[0] = copy;
	return 0;
}

/* The first directory of the search list that holds name. */
static int search(int root_fd, struct image_config *ic, const char *list, struct error_record *e)
{
	const char *name = ic->entry[0];
	char path[PATH_MAX];

	for (const char *dir = list; *dir;) {
		size_t len = strcspn(dir, ":");
		int n = snprintf(path, sizeof(path), "%.*s/%s", (int)len, len ? dir : ".", name);

		/* Relative directories of PATH mean the working directory: never the host's. */
		if (n > 0 && (size_t)n < sizeof(path) && dir[0] == '/' && executable(root_fd, path))
			return take(ic, path, e);
		dir += len + (dir[len] == ':');
	}
	return error_set(e, -ENOENT,
			 "the image's command '%s' is no executable file in the image's PATH (%s)",
			 name, list);
}

int image_command_resolve(int root_fd, struct image_config *ic, struct error_record *e)
{
	char path[PATH_MAX];
	int n;

	if (!ic->entry || !ic->entry_count || ic->entry[0][0] == '/')
		return 0;
	if (!strchr(ic->entry[0], '/'))
		return search(root_fd, ic, image_path(ic), e);
	n = snprintf(path, sizeof(path), "%s/%s", ic->workdir ? ic->workdir : "", ic->entry[0]);
	if (n < 0 || (size_t)n >= sizeof(path) || !executable(root_fd, path))
		return error_set(e, -ENOENT,
				 "the image's command '%s' is no executable file in the image "
				 "(from its WorkingDir %s)",
				 ic->entry[0], ic->workdir ? ic->workdir : "/");
	return take(ic, path, e);
}
