/*
 * The checks a vfkit launch adds to the preflight: a host that can run vfkit, a kernel
 * vfkit can boot, a root image it can read, and paths and a command line its option syntax
 * can carry. Each returns 0, or -errno with err saying what is wrong and how to fix it.
 */
#ifndef ROSETTA_LAUNCH_VFKIT_PREFLIGHT_H
#define ROSETTA_LAUNCH_VFKIT_PREFLIGHT_H

#include "lib/error.h"
#include "options.h"
#include "plan.h"

/* vfkit runs on macOS (sysname "Darwin") only. --dry-run needs no host, and a --vfkit
 * given elsewhere is taken for a stand-in that behaves like vfkit. */
int launch_vfkit_check_host(const struct launch_config *cfg, const char *sysname,
			    struct error_record *err);

/* The kernel (read unless --dry-run cannot), the root image's format, and every value
 * vfkit's argv would carry. */
int launch_vfkit_check_plan(const struct launch_config *cfg, const struct launch_plan *plan,
			    struct error_record *err);

#endif
