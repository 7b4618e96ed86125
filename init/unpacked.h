/* Did the kernel unpack the whole initramfs? */
#ifndef INIT_UNPACKED_H
#define INIT_UNPACKED_H

#include <stddef.h>

/* 1 with the kernel's reason in why ("write error") when the kernel logged
 * that it could not unpack the initramfs, else 0 (also when its log
 * cannot be read). */
int initramfs_unpack_error(char *why, size_t size);

#endif
