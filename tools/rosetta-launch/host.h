/*
 * Questions the launcher asks the host before starting anything: where a program is, whether
 * a file can be read or a directory exists, whether /dev/kvm opens. Each returns 0 or -errno.
 */
#ifndef ROSETTA_LAUNCH_HOST_H
#define ROSETTA_LAUNCH_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LAUNCH_QEMU_NAME	 "qemu-system-aarch64"
#define LAUNCH_VIRTIOFSD_NAME	 "virtiofsd"
#define LAUNCH_VIRTIOFSD_DEFAULT "/usr/lib/qemu/virtiofsd"
#define LAUNCH_VFKIT_NAME	 "vfkit"

/*
 * A name with a slash must be an executable regular file; any other is looked up in
 * path_env (execvp's default when NULL). The found path goes to out.
 */
int launch_find_program(const char *name, const char *path_env, char *out, size_t size);

/* virtiofsd: the override when given, else LAUNCH_VIRTIOFSD_DEFAULT, else from the PATH. */
int launch_find_virtiofsd(const char *override, const char *path_env, char *out, size_t size);

/* A regular file this process can open for reading. */
int launch_check_readable(const char *path);

/*
 * A disk image: a regular file or block device (-EISDIR, -EINVAL otherwise) this process
 * can read. *qcow2 says whether it starts with qcow2's magic, QFI\xfb.
 */
int launch_probe_image(const char *path, bool *qcow2);

/*
 * The type of the filesystem on the whole of the raw image at path, as libblkid sees it
 * ("ext4"), into type; "" when there is none it knows (a partitioned disk, an empty one).
 * 0 or -errno.
 */
int launch_image_fstype(const char *path, char *type, size_t size);

/* Up to size bytes from the start of the file at path: the count read, or -errno. */
ssize_t launch_read_head(const char *path, void *buf, size_t size);

/* Whether this process may write path (access(2), so a read-only file system counts). */
int launch_check_writable(const char *path);

/* An existing directory (-ENOTDIR otherwise). */
int launch_check_dir(const char *path);

/* Open /dev/kvm read-write and close it again. */
int launch_probe_kvm(void);

#endif
