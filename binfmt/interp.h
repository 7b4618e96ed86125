/* Checks on the file a binfmt_misc entry names as its interpreter. With the
 * C flag the kernel runs it with the credentials of setuid programs, so it
 * must be a file nobody in the guest can change, and a static executable for
 * this machine. Everything is checked through one descriptor: what was
 * checked is what the caller keeps open. */
#ifndef BINFMT_INTERP_H
#define BINFMT_INTERP_H

#include <stdbool.h>
#include <sys/stat.h>

#include "elf.h"

#define INTERP_MIN_SIZE 4096u		     /* a static executable is never smaller */
#define INTERP_MAX_SIZE (256u * 1024 * 1024) /* Rosetta is about 1.7 MB */

enum interp_rule {
	INTERP_OK = 0,
	INTERP_NOT_REGULAR,	/* a directory, FIFO, device or socket */
	INTERP_NOT_EXECUTABLE,	/* no execute permission for its owner */
	INTERP_SHARED_WRITABLE, /* writable by group or other */
	INTERP_GUEST_WRITABLE,	/* owned by a user other than root on a writable mount */
	INTERP_NOT_FUSE,	/* not on a FUSE (virtiofs) filesystem */
	INTERP_BAD_ELF,		/* see the report's elf rule */
	INTERP_TOO_SMALL,
	INTERP_TOO_LARGE,
};

struct interp_policy {
	bool file; /* type, permissions, owner, size */
	bool fuse; /* must be on FUSE, as a virtiofs share is; off for tests */
	bool elf;  /* static aarch64 ELF */
};

struct interp_report {
	enum interp_rule rule; /* the first rule broken; INTERP_OK: none */
	struct stat st;
	long fs_type;	/* statfs f_type */
	bool read_only; /* the mount is read-only */
	enum elf_rule elf;
	struct elf_facts facts;
};

/* Open path for checking: O_NOFOLLOW (a symlink gives -ELOOP) and
 * O_NONBLOCK (a FIFO must not hang the caller). Returns an fd or -errno. */
int interp_open(const char *path);

/* Check an open interpreter. Returns 0; the errno that fits the first rule
 * broken, named in report->rule (-EACCES: type or permissions, -EPERM:
 * who could change it or where it is, -ENOEXEC: its content or size); or
 * -errno, report->rule INTERP_OK, when the file cannot be examined.
 * report is filled as far as read. */
int interp_check(int fd, const struct interp_policy *policy, struct interp_report *report);

/* The broken rule as a phrase completing "PATH ...": "is not a regular file". */
const char *interp_rule_str(enum interp_rule rule);

/* The most precise phrase for the rule interp_check found broken,
 * completing "PATH ...": for an ELF file of another machine "is an x86-64
 * ELF, expected aarch64" (written into buf), for other ELF rules
 * elf_rule_str(). */
const char *interp_explain(const struct interp_report *report, char *buf, size_t size);

#endif
