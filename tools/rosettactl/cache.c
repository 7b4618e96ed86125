/* rosettad and its socket; see cache.h. */
#include "cache.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init/service_cache.h"

/* Is PROC/name/cmdline's first word a rosettad? */
static bool is_rosettad(const struct rctl_target *t, const char *name)
{
	char rel[NAME_MAX + 16], path[PATH_MAX], argv0[PATH_MAX];
	const char *base;
	ssize_t n;
	int fd;

	snprintf(rel, sizeof(rel), "%s/cmdline", name);
	if (!rctl_proc_path(t, rel, path, sizeof(path)))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, argv0, sizeof(argv0) - 1);
	close(fd);
	if (n <= 0)
		return false;
	argv0[n] = '\0'; /* the words are NUL-separated: this is the first */
	base = strrchr(argv0, '/');
	return !strcmp(base ? base + 1 : argv0, CACHE_DAEMON);
}

static bool is_pid(const char *name)
{
	for (const char *p = name; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return *name != '\0';
}

static int scan(const struct rctl_target *t, struct rctl_cache *c)
{
	DIR *d = opendir(t->proc);
	struct dirent *e;

	if (!d)
		return -errno;
	while ((e = readdir(d)) && c->npids < RCTL_PIDS_MAX)
		if (is_pid(e->d_name) && is_rosettad(t, e->d_name))
			c->pids[c->npids++] = (pid_t)atoi(e->d_name);
	closedir(d);
	return 0;
}

static int stat_socket(const struct rctl_target *t, struct rctl_cache *c)
{
	char path[PATH_MAX];
	struct stat st;

	if (!rctl_target_path(t, c->socket, path, sizeof(path)))
		return -ENAMETOOLONG;
	if (stat(path, &st) < 0)
		return -errno;
	c->socket_mode = st.st_mode;
	return 0;
}

void rctl_cache_read(const struct rctl_target *t, struct rctl_cache *c)
{
	char daemon[PATH_MAX];

	memset(c, 0, sizeof(*c));
	c->configured = t->cfg.cache[0] != '\0';
	c->daemon_present = (size_t)snprintf(daemon, sizeof(daemon), "%s/" CACHE_DAEMON, t->mount) <
				sizeof(daemon) &&
			    access(daemon, F_OK) == 0;
	c->scan_err = scan(t, c);
	snprintf(c->socket, sizeof(c->socket), CACHE_LINK_DIR "/" CACHE_SOCKET_NAME);
	c->socket_err = stat_socket(t, c);
}

bool rctl_cache_relevant(const struct rctl_cache *c)
{
	return c->configured || c->daemon_present;
}

bool rctl_cache_socket_open(const struct rctl_cache *c)
{
	return !c->socket_err && S_ISSOCK(c->socket_mode) &&
	       (c->socket_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == (S_IWUSR | S_IWGRP | S_IWOTH);
}
