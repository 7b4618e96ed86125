/*
 * The argument vectors of the children: one virtiofsd per share and qemu-system-aarch64
 * (vfkit's is in vfkit_argv.c), built from the configuration and plan; plus shell quoting so
 * --dry-run prints lines that can be pasted. Pure apart from allocation.
 */
#ifndef ROSETTA_LAUNCH_ARGV_H
#define ROSETTA_LAUNCH_ARGV_H

#include <stddef.h>

#include "options.h"
#include "plan.h"

/* A NULL-terminated, growable argv. The first failure sticks in err (0 or -ENOMEM). */
struct launch_argv {
	char **v;
	size_t n;
	size_t cap;
	int err;
};

void launch_argv_init(struct launch_argv *a);
void launch_argv_free(struct launch_argv *a);
void launch_argv_add(struct launch_argv *a, const char *s);
void launch_argv_addf(struct launch_argv *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* An option and its value, as two words. */
void launch_argv_pair(struct launch_argv *a, const char *opt, const char *value);
void launch_argv_pair_u(struct launch_argv *a, const char *opt, unsigned int value);

/* Each returns 0 or -ENOMEM; on failure a holds nothing worth running. */
int launch_virtiofsd_argv(struct launch_argv *a, const char *virtiofsd,
			  const struct launch_share *share);
int launch_qemu_argv(struct launch_argv *a, const struct launch_config *cfg,
		     const struct launch_plan *plan);
/* The program that runs the guest: qemu's argv or vfkit's, as cfg->backend says. */
int launch_vm_argv(struct launch_argv *a, const struct launch_config *cfg,
		   const struct launch_plan *plan);

/* Quote s for a POSIX shell into a new string (*out, free it). 0 or -ENOMEM. */
int launch_shell_quote(const char *s, char **out);

/* The words of v shell-quoted and joined by spaces into a new string. 0 or -ENOMEM. */
int launch_shell_join(char *const *v, size_t n, char **out);

#endif
