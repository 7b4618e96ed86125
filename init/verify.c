/* Stage verify: refuse a translator the kernel should not run for every
 * x86-64 program, before it is registered. The file is opened once,
 * O_NOFOLLOW, and every check reads that descriptor, so what was checked is
 * what stays open in the boot context. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/elf.h"
#include "log.h"
#include "stages.h"

static const char remedy_share[] =
    "give the VM the Rosetta share (a directory holding the 'rosetta' translator)";
static const char remedy_elf[] =
    "the share must hold Apple's Rosetta translator, a static aarch64 executable";

static int check_file(struct boot_ctx *ctx, struct failure *f, struct stat *st)
{
	if (fstat(ctx->translator_fd, st) < 0)
		return fail(f, errno, remedy_share, "reading the status of %s", ctx->translator);
	if (!S_ISREG(st->st_mode))
		return fail(f, 0, remedy_elf, "%s is not a regular file", ctx->translator);
	if (!(st->st_mode & S_IXUSR))
		return fail(f, 0, remedy_elf, "%s is not executable", ctx->translator);
	return 0;
}

static int check_elf(struct boot_ctx *ctx, struct failure *f)
{
	struct elf_facts facts;
	int rule = elf_check_fd(ctx->translator_fd, &facts);

	if (rule < 0)
		return fail(f, -rule, remedy_share, "reading %s", ctx->translator);
	if (rule == ELF_WRONG_MACHINE) {
		char other[32];

		return fail(f, 0, remedy_elf, "%s is an %s ELF, expected aarch64", ctx->translator,
			    elf_machine_name(facts.machine, other, sizeof(other)));
	}
	if (rule != ELF_OK)
		return fail(f, 0, remedy_elf, "%s %s", ctx->translator,
			    elf_rule_str((enum elf_rule)rule));
	return 0;
}

int stage_verify(struct boot_ctx *ctx, struct failure *f)
{
	struct stat st;

	if (ctx->translator_fd >= 0)
		close(ctx->translator_fd);
	ctx->translator_fd = open(ctx->translator, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (ctx->translator_fd < 0)
		return fail(f, errno, errno == ELOOP ? remedy_elf : remedy_share,
			    errno == ELOOP ? "%s is a symbolic link" : "opening %s",
			    ctx->translator);
	if (check_file(ctx, f, &st) < 0 || check_elf(ctx, f) < 0)
		return -1;
	log_info("verify: %s is a static aarch64 executable (%lld bytes)", ctx->translator,
		 (long long)st.st_size);
	return 0;
}
