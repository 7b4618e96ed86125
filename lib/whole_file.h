/* Reading a whole, bounded file: configuration files and spec files, which
 * must neither hang their reader (a FIFO in their place) nor fill memory (a
 * device, or a file that keeps growing). */
#ifndef LIB_WHOLE_FILE_H
#define LIB_WHOLE_FILE_H

#include <stddef.h>

/* Read a whole file into a malloc'd buffer (not NUL-terminated; *len
 * bytes). Opened O_NONBLOCK, so a FIFO cannot hang the caller. Returns 0,
 * -EFBIG past max bytes, or -errno. */
int read_whole_file(const char *path, size_t max, char **text, size_t *len);

/* The same from an open file, read to its end. */
int read_whole_fd(int fd, size_t max, char **text, size_t *len);

/* The first line of a small file (a sysfs or proc attribute) into buf, at
 * most size - 1 bytes, its newline dropped. Returns 0, -ENODATA for an
 * empty file, or -errno. */
int read_first_line(const char *path, char *buf, size_t size);

#endif
