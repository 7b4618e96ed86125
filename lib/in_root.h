/*
 * Paths opened inside a root directory as if it were "/": an image's absolute
 * symbolic links and its ".." stop at the root, never reach the host. The one
 * place the project resolves a path inside a tree (binfmt's --root, the guest's
 * checks of the new root, rosetta-mkroot's writes), with openat2()'s
 * RESOLVE_IN_ROOT as systemd's chase() does for --root.
 */
#ifndef LIB_IN_ROOT_H
#define LIB_IN_ROOT_H

#include <sys/types.h>

/* Open path (absolute or not, taken from the root either way) inside the
 * directory root_fd, with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS (a
 * /proc/.../fd link inside the tree could lead anywhere). root_fd AT_FDCWD
 * means no root: path resolves as usual. flags and mode as for openat(2);
 * mode counts only with O_CREAT or O_TMPFILE. Returns an fd or -errno
 * (-ENOSYS before Linux 5.6, when there is a root). */
int in_root_open(int root_fd, const char *path, int flags, mode_t mode);

/* Open the directory root for in_root_open(): *root_fd is AT_FDCWD for
 * NULL, "" or "/" (however many slashes), else an O_PATH descriptor.
 * Returns 0 or -errno. */
int in_root_dir_open(const char *root, int *root_fd);

/* Whether the directories on a path may be symbolic links: followed inside
 * the root, or refused (-ELOOP, RESOLVE_NO_SYMLINKS), for writers such as a
 * layer's, whose honest paths never go through one. */
enum in_root_links {
	IN_ROOT_LINKS_FOLLOW,
	IN_ROOT_LINKS_REFUSE,
};

/* Open (O_PATH | O_DIRECTORY) the directory that holds path's last
 * component inside root_fd (a real root, not AT_FDCWD), and point *last at
 * that component inside path, for the caller's *at() calls with
 * AT_SYMLINK_NOFOLLOW: the directories on the way may be symbolic links
 * (resolved inside the root) as links says, the last component is never
 * followed. With
 * dir_mode non-zero, the missing directories on the way are made with
 * exactly that mode (the umask does not apply: the tree's modes are its
 * own, not the caller's); with 0 a missing one fails with -ENOENT. Returns
 * an fd; -EINVAL when path has no last component to act on (empty, ending
 * in "/", ".", ".."); -EEXIST when a directory to make is a dangling
 * symbolic link; or the -errno of the open or mkdir that failed. */
int in_root_parent(int root_fd, const char *path, mode_t dir_mode, enum in_root_links links,
		   const char **last);

#endif
