/* verify PATH: the checks rosetta-init's verify stage makes (binfmt/interp.h),
 * for a file the user names, with the same words for what is wrong. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/digest.h"
#include "lib/hex.h"
#include "binfmt/interp.h"
#include "command.h"

static int check_pin(struct ctl_ctx *ctx, int fd, const char *path)
{
	unsigned char want[SHA256_LEN], have[SHA256_LEN];
	char hex[SHA256_HEX];
	int r = digest_sha256_fd(fd, have);

	if (r < 0)
		return report_add(ctx->rep, CLI_EXIT_SYSTEM,
				  "cannot compute the SHA-256 of %s with the kernel crypto API "
				  "(modules af_alg, algif_hash): %s",
				  path, strerror(-r));
	hex_encode(have, SHA256_LEN, hex);
	if (hex_decode(ctx->args->sha256, want, SHA256_LEN) < 0 ||
	    memcmp(want, have, SHA256_LEN) != 0)
		return report_add(ctx->rep, CLI_EXIT_FAILED, "%s has SHA-256 %s, expected %s", path,
				  hex, ctx->args->sha256);
	return CLI_EXIT_OK;
}

static int check(struct ctl_ctx *ctx, int fd, const char *path)
{
	const struct ctl_args *a = ctx->args;
	bool strict = !strcmp(a->policy, "strict");
	const struct interp_policy policy = { .file = strict,
					      .fuse = strict && !a->any_fs,
					      .elf = true };
	struct interp_report r;
	int err = interp_check(fd, &policy, &r);

	if (err < 0 && r.rule == INTERP_OK)
		return ctl_fail_op(ctx->rep, err, "cannot examine %s", path);
	if (err < 0) {
		char why[64];

		return report_add(ctx->rep, CLI_EXIT_FAILED, "%s %s", path,
				  interp_explain(&r, why, sizeof(why)));
	}
	if (a->sha256 && check_pin(ctx, fd, path) != CLI_EXIT_OK)
		return ctx->rep->code;
	fprintf(ctx->out, "%s: a static aarch64 executable, %lld bytes, mode %04o, owner %u%s%s\n",
		path, (long long)r.st.st_size, (unsigned int)(r.st.st_mode & 07777),
		(unsigned int)r.st.st_uid, r.read_only ? ", on a read-only mount" : "",
		a->sha256 ? ", SHA-256 as pinned" : "");
	return CLI_EXIT_OK;
}

static int run_verify(struct ctl_ctx *ctx)
{
	const char *path = ctx->args->operands[0];
	int fd = interp_open(path), code;

	if (fd == -ELOOP)
		return report_add(ctx->rep, CLI_EXIT_FAILED, "%s is a symbolic link", path);
	if (fd < 0)
		return ctl_fail_op(ctx->rep, fd, "cannot open %s", path);
	code = check(ctx, fd, path);
	close(fd);
	return code;
}

static int check_verify(const struct ctl_args *a, struct ctl_usage *err)
{
	if (strcmp(a->policy, "strict") != 0 && strcmp(a->policy, "elf") != 0)
		return ctl_usage_error(err, "bad --policy '%s': use strict or elf", a->policy);
	if (a->sha256 &&
	    (strlen(a->sha256) != 64 || strspn(a->sha256, "0123456789abcdefABCDEF") != 64))
		return ctl_usage_error(err, "bad --sha256 '%s': give 64 hex digits", a->sha256);
	return 0;
}

const struct ctl_command ctl_cmd_verify = {
	.name = "verify",
	.operands = "PATH",
	.help = "check a file as a binfmt_misc interpreter, as\n"
		"rosetta-init checks the translator",
	.run = run_verify,
	.min = 1,
	.max = 1,
	.missing = "a PATH",
	.opts = CTL_OPT(OPT_POLICY) | CTL_OPT(OPT_ANY_FS) | CTL_OPT(OPT_SHA256),
	.check = check_verify,
};
