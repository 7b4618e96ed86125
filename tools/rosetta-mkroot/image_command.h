/* The image's command made into what rosetta-init runs: an absolute path. An image's
 * Entrypoint or Cmd often names its program by name ("python3"), which a container runtime
 * looks up in the image's PATH when it starts it; rosetta-init does not search PATH, so
 * rosetta-mkroot does the lookup once, in the unpacked root, as the runtime would. */
#ifndef MKROOT_IMAGE_COMMAND_H
#define MKROOT_IMAGE_COMMAND_H

#include "image_config.h"
#include "lib/error.h"

/* Replace ic->entry[0], when it is not absolute, by the executable file it names: looked up
 * in the image's PATH (its Env, else DEFAULT_PATH) when it has no '/', else taken from the
 * WorkingDir (else "/"); paths resolved inside root_fd. Returns 0 (nothing to do without an
 * entry), -ENOENT when no such program is in the root, or -errno. */
int image_command_resolve(int root_fd, struct image_config *ic, struct error_record *e);

#endif
