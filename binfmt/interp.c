/* Interpreter file checks, all through one descriptor (no check-then-open
 * race): type and permissions (fstat), mount (fstatfs, fstatvfs), content
 * (elf_check_fd). */
#include "interp.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

int interp_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	return fd < 0 ? -errno : fd;
}

/* Who in the guest could change the file? Nobody, when the mount is
 * read-only (as the Rosetta share is mounted) or when root owns it and only
 * root may write it. virtiofs presents the host's owner ids unchanged. */
static enum interp_rule check_file(const struct interp_report *r)
{
	if (!S_ISREG(r->st.st_mode))
		return INTERP_NOT_REGULAR;
	if (!(r->st.st_mode & S_IXUSR))
		return INTERP_NOT_EXECUTABLE;
	if (r->st.st_mode & (S_IWGRP | S_IWOTH))
		return INTERP_SHARED_WRITABLE;
	if (r->st.st_uid != 0 && !r->read_only)
		return INTERP_GUEST_WRITABLE;
	return INTERP_OK;
}

static enum interp_rule check_size(const struct interp_report *r)
{
	if (r->st.st_size < (off_t)INTERP_MIN_SIZE)
		return INTERP_TOO_SMALL;
	if (r->st.st_size > (off_t)INTERP_MAX_SIZE)
		return INTERP_TOO_LARGE;
	return INTERP_OK;
}

/* Which errno a broken rule goes with: what the kernel would say of such
 * a file (EACCES, ENOEXEC), or EPERM where only our policy refuses it. */
static int broke(struct interp_report *report, enum interp_rule rule)
{
	report->rule = rule;
	switch (rule) {
	case INTERP_NOT_REGULAR:
	case INTERP_NOT_EXECUTABLE:
		return -EACCES;
	case INTERP_BAD_ELF:
	case INTERP_TOO_SMALL:
	case INTERP_TOO_LARGE:
		return -ENOEXEC;
	default:
		return -EPERM;
	}
}

static int check_content(int fd, struct interp_report *report)
{
	int r = elf_check_fd(fd, &report->facts, &report->elf);

	if (r < 0 && report->elf != ELF_OK)
		return broke(report, INTERP_BAD_ELF);
	return r;
}

int interp_check(int fd, const struct interp_policy *policy, struct interp_report *report)
{
	struct statfs sfs;
	struct statvfs svfs;
	enum interp_rule rule;
	int r;

	memset(report, 0, sizeof(*report));
	if (fstat(fd, &report->st) < 0 || fstatfs(fd, &sfs) < 0 || fstatvfs(fd, &svfs) < 0)
		return -errno;
	report->fs_type = (long)sfs.f_type;
	report->read_only = svfs.f_flag & ST_RDONLY;

	/* A file that is not regular is never read, whatever the policy. */
	if (!S_ISREG(report->st.st_mode))
		return broke(report, INTERP_NOT_REGULAR);
	if (policy->file && (rule = check_file(report)) != INTERP_OK)
		return broke(report, rule);
	if (policy->fuse && sfs.f_type != FUSE_SUPER_MAGIC)
		return broke(report, INTERP_NOT_FUSE);
	if (policy->elf && (r = check_content(fd, report)) < 0)
		return r;
	if (policy->file && (rule = check_size(report)) != INTERP_OK)
		return broke(report, rule);
	return 0;
}

const char *interp_rule_str(enum interp_rule rule)
{
	switch (rule) {
	case INTERP_OK:
		return "passes every check";
	case INTERP_NOT_REGULAR:
		return "is not a regular file";
	case INTERP_NOT_EXECUTABLE:
		return "is not executable";
	case INTERP_SHARED_WRITABLE:
		return "is writable by group or others";
	case INTERP_GUEST_WRITABLE:
		return "is owned by a user other than root on a writable mount";
	case INTERP_NOT_FUSE:
		return "is not on a virtiofs (FUSE) filesystem";
	case INTERP_BAD_ELF:
		return "is not a usable ELF executable";
	case INTERP_TOO_SMALL:
		return "is smaller than any static executable (4 KiB)";
	case INTERP_TOO_LARGE:
		return "is larger than 256 MiB";
	}
	return "breaks an unknown rule";
}

const char *interp_explain(const struct interp_report *report, char *buf, size_t size)
{
	char machine[32];

	if (report->rule != INTERP_BAD_ELF)
		return interp_rule_str(report->rule);
	if (report->elf != ELF_WRONG_MACHINE)
		return elf_rule_str(report->elf);
	snprintf(buf, size, "is an %s ELF, expected aarch64",
		 elf_machine_name(report->facts.machine, machine, sizeof(machine)));
	return buf;
}
