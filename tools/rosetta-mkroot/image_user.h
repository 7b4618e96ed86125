/* An image's User ("name", "uid", "name:group", "uid:gid", "name:gid",
 * "uid:group") made numbers from the image's own /etc/passwd and /etc/group,
 * as docker and runc do, for the image config's user=UID:GID. */
#ifndef MKROOT_IMAGE_USER_H
#define MKROOT_IMAGE_USER_H

#include <sys/types.h>

#include "lib/error.h"

/* Resolve user inside the root directory root_fd (etc/passwd, etc/group
 * opened with RESOLVE_IN_ROOT: never the host's files, however the image
 * links them; each read up to 4 MiB). A user without a group gets its
 * passwd entry's gid; a numeric uid absent from passwd gets gid 0; a number
 * is taken as it is where no entry names it. "" is root. Returns 0;
 * -ENOENT naming the user or group the image's files lack ("user 'x' is
 * not in the image's /etc/passwd"); -EINVAL for an id that is not a number
 * rosetta-init takes, or a malformed line of a name that matched; -EFBIG,
 * or another -errno reading the files (error_system). */
int image_user_resolve(int root_fd, const char *user, uid_t *uid, gid_t *gid,
		       struct error_record *e);

#endif
