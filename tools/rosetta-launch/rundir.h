/*
 * The launch's private run directory (mode 0700, from mkdtemp): it holds the virtiofsd
 * sockets and logs and is removed when the launch ends. Each function returns 0 or -errno.
 */
#ifndef ROSETTA_LAUNCH_RUNDIR_H
#define ROSETTA_LAUNCH_RUNDIR_H

#include <stddef.h>

/* Create base/rosetta-launch.XXXXXX; its path goes to out. */
int launch_rundir_create(const char *base, char *out, size_t size);

/* Remove dir and the files in it (the launcher puts no subdirectories there). */
int launch_rundir_remove(const char *dir);

/* The last lines of the file at path, up to size - 1 bytes, starting at a line boundary. */
int launch_read_tail(const char *path, char *buf, size_t size);

#endif
