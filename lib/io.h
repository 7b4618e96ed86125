/* Whole reads and writes on a file descriptor: read(2) and write(2) may do
 * part of the job, or be interrupted by a signal before doing any. */
#ifndef LIB_IO_H
#define LIB_IO_H

#include <stddef.h>
#include <sys/types.h>

/* write(2) until all of buf is written, retrying on EINTR. Returns 0, or
 * -errno (-EIO for a write that wrote nothing). */
int write_all(int fd, const void *buf, size_t len);

/* read(2) until size bytes or the end of the file, retrying on EINTR.
 * Returns the bytes read (fewer than size only at the end), or -errno. */
ssize_t read_full(int fd, void *buf, size_t size);

/* The same with pread(2) from offset. */
ssize_t pread_full(int fd, void *buf, size_t size, off_t offset);

#endif
