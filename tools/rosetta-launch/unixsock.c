/* Telling a listening unix socket from a merely bound one; see unixsock.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unixsock.h"

/* __SO_ACCEPTCON in the kernel: the socket is listening. */
#define UNIX_FLAG_LISTENING 0x10000u

int launch_unix_line_state(const char *line, const char *path)
{
	unsigned int flags;
	size_t len;
	int pos = -1;

	/* Num: RefCount Protocol Flags Type St Inode Path */
	if (sscanf(line, "%*s %*s %*s %x %*s %*s %*s %n", &flags, &pos) != 1 || pos < 0)
		return -1;
	line += pos;
	len = strcspn(line, "\n");
	if (len != strlen(path) || strncmp(line, path, len) != 0)
		return -1;
	return (flags & UNIX_FLAG_LISTENING) ? 1 : 0;
}

int launch_socket_listening(const char *path, const char *table)
{
	struct stat st;
	char *line = NULL;
	size_t cap = 0;
	int state = -1;
	FILE *f;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return 0;
	f = fopen(table, "re");
	if (!f)
		return 1;
	while (state < 1 && getline(&line, &cap, f) > 0) {
		int s = launch_unix_line_state(line, path);

		if (s > state)
			state = s;
	}
	free(line);
	fclose(f);
	return state != 0;
}
