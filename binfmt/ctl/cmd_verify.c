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
		return ctl_fail(ctx->rep, CTL_EXIT_SYSTEM,
				"cannot compute the SHA-256 of %s with the kernel crypto API "
				"(modules af_alg, algif_hash): %s",
				path, strerror(-r));
	hex_encode(have, SHA256_LEN, hex);
	if (hex_decode(ctx->args->sha256, want, SHA256_LEN) < 0 ||
	    memcmp(want, have, SHA256_LEN) != 0)
		return ctl_fail(ctx->rep, CTL_EXIT_FAILED, "%s has SHA-256 %s, expected %s", path,
				hex, ctx->args->sha256);
	return CTL_EXIT_OK;
}

static int check(struct ctl_ctx *ctx, int fd, const char *path)
{
	const struct ctl_args *a = ctx->args;
	bool strict = !strcmp(a->policy, "strict");
	const struct interp_policy policy = { .file = strict,
					      .fuse = strict && !a->any_fs,
					      .elf = true };
	struct interp_report r;
	int rule = interp_check(fd, &policy, &r);

	if (rule < 0)
		return ctl_fail_op(ctx->rep, rule, "cannot examine %s", path);
	if (rule != INTERP_OK) {
		char why[64];

		return ctl_fail(ctx->rep, CTL_EXIT_FAILED, "%s %s", path,
				interp_explain(rule, &r, why, sizeof(why)));
	}
	if (a->sha256 && check_pin(ctx, fd, path) != CTL_EXIT_OK)
		return ctx->rep->code;
	fprintf(ctx->out, "%s: a static aarch64 executable, %lld bytes, mode %04o, owner %u%s%s\n",
		path, (long long)r.st.st_size, (unsigned int)(r.st.st_mode & 07777),
		(unsigned int)r.st.st_uid, r.read_only ? ", on a read-only mount" : "",
		a->sha256 ? ", SHA-256 as pinned" : "");
	return CTL_EXIT_OK;
}

int ctl_cmd_verify(struct ctl_ctx *ctx)
{
	const char *path = ctx->args->operands[0];
	int fd = interp_open(path), code;

	if (fd == -ELOOP)
		return ctl_fail(ctx->rep, CTL_EXIT_FAILED, "%s is a symbolic link", path);
	if (fd < 0)
		return ctl_fail_op(ctx->rep, fd, "cannot open %s", path);
	code = check(ctx, fd, path);
	close(fd);
	return code;
}
