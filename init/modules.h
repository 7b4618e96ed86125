/* Loading kernel modules from the initramfs outside the modules stage. */
#ifndef INIT_MODULES_H
#define INIT_MODULES_H

/* Load the module name (and what it depends on) from
 * modules_dir/$(uname -r) with libkmod. Already loaded or built in is
 * success. Returns 0 or -errno; -ENOENT when there is no module directory. */
int modules_load(const char *modules_dir, const char *name);

#endif
