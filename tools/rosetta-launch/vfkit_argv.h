/*
 * vfkit's argument vector (--backend vfkit): the Linux boot loader, the console on its
 * standard input and output, the framework's translator share, one virtio-fs device per
 * directory, the root disk. vfkit splits a --device value at every comma, and a
 * --bootloader value at each comma outside double quotes, with no escape: the refusal
 * functions say what a value holds that vfkit could not carry, for the preflight to refuse
 * it before anything starts. Pure apart from allocation.
 */
#ifndef ROSETTA_LAUNCH_VFKIT_ARGV_H
#define ROSETTA_LAUNCH_VFKIT_ARGV_H

#include "argv.h"
#include "options.h"
#include "plan.h"

/* What makes s impossible to carry in a --device value ("a comma"), or NULL. */
const char *launch_vfkit_device_refusal(const char *s);

/* The same for the kernel's and the initrd's path in --bootloader: a comma, a double
 * quote, bytes that are not UTF-8 (vfkit reads the value as UTF-8 text). */
const char *launch_vfkit_path_refusal(const char *s);

/* The same for the kernel command line in --bootloader: a comma inside double quotes (it
 * would be outside vfkit's own quotes), an unclosed double quote, bytes that are not
 * UTF-8. */
const char *launch_vfkit_cmdline_refusal(const char *cmdline);

/* 0 or -ENOMEM; the values are those the refusal functions accept. */
int launch_vfkit_argv(struct launch_argv *a, const struct launch_config *cfg,
		      const struct launch_plan *plan);

#endif
