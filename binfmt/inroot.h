/* Opening paths inside a root directory, as if it were /: an image's
 * absolute links and its ".." stop at the image, never reach the host. */
#ifndef BINFMT_INROOT_H
#define BINFMT_INROOT_H

/* Open path (absolute or not, taken from the root either way) inside the
 * directory root_fd with openat2()'s RESOLVE_IN_ROOT, as systemd's chase()
 * does for --root. root_fd AT_FDCWD means no root: path resolves as usual.
 * flags as for openat(2). Returns an fd or -errno (-ENOSYS before Linux
 * 5.6, when there is a root). */
int binfmt_open_in_root(int root_fd, const char *path, int flags);

/* Open the directory root for binfmt_open_in_root(): *root_fd is AT_FDCWD
 * for NULL, "" or "/" (however many slashes), else an O_PATH descriptor.
 * Returns 0 or -errno. */
int binfmt_root_open(const char *root, int *root_fd);

#endif
