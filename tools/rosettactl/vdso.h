/* Does the vDSO carry DT_HASH? Linux 6.11 builds the arm64 vDSO with
 * DT_GNU_HASH alone, and older Rosetta releases look for DT_HASH ("Failed
 * to find vdso DT_HASH"). Judging an image is apart from finding the
 * running one, so that the tests judge fixture bytes. */
#ifndef ROSETTACTL_VDSO_H
#define ROSETTACTL_VDSO_H

#include <stddef.h>

/* 1 when the ELF64 image (len bytes, as mapped: file offsets are image
 * offsets) has DT_HASH in its dynamic segment, 0 when it has none, or
 * -ENOEXEC when it is no ELF64 image of this byte order, its headers or
 * dynamic segment are out of bounds, or it has no dynamic segment. */
int rctl_vdso_has_hash(const unsigned char *image, size_t len);

/* The running process's vDSO (getauxval(AT_SYSINFO_EHDR)) and its length
 * up to the end of its last segment. Returns 0, or -ENOENT when the kernel
 * maps none, -ENOEXEC when its headers make no sense. */
int rctl_vdso_find(const unsigned char **image, size_t *len);

#endif
