/* Stage verify: refuse a translator the kernel should not run for every
 * x86-64 program, before it is registered. The file is opened once,
 * O_NOFOLLOW, and every check reads that descriptor, which stays open in
 * the boot context for register to compare with what the kernel opens.
 * rosetta.verify chooses the checks (strict: file, filesystem and ELF; elf;
 * off), rosetta.sha256 pins the content. The host's own Rosetta checks are
 * never imitated (docs/rosetta-init.8, TRANSLATOR VERIFICATION). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/digest.h"
#include "lib/hex.h"
#include "binfmt/interp.h"
#include "log.h"
#include "modules.h"
#include "stages.h"
#include "verify.h"

static const char remedy_pin[] = "update rosetta.sha256= for this translator, or remove the pin";

/* err is interp_check()'s: a rule broken (named in r) or a system error. */
static int refuse(struct boot_ctx *ctx, struct failure *f, int err, const struct interp_report *r)
{
	char why[64];

	if (r->rule == INTERP_OK)
		return fail(f, -err, verify_remedy(INTERP_NOT_FUSE), "examining %s",
			    ctx->translator);
	return fail(f, 0, verify_remedy(r->rule), "%s %s", ctx->translator,
		    interp_explain(r, why, sizeof(why)));
}

/* AF_ALG and its hash interface are modules in Debian's kernel. */
static int hash_translator(struct boot_ctx *ctx, unsigned char sum[SHA256_LEN])
{
	int r = digest_sha256_fd(ctx->translator_fd, sum);

	if (r == -EAFNOSUPPORT || r == -ENOENT) {
		int m = modules_load(ctx, "algif_hash");

		if (m < 0)
			log_warn("verify: loading algif_hash: %s", strerror(-m));
		r = digest_sha256_fd(ctx->translator_fd, sum);
	}
	return r;
}

static int check_pin(struct boot_ctx *ctx, struct failure *f)
{
	unsigned char want[SHA256_LEN], have[SHA256_LEN];
	char hex[SHA256_HEX];
	int r = hash_translator(ctx, have);

	if (r < 0)
		return fail(f, -r, "build the kernel with CRYPTO_USER_API_HASH and SHA256",
			    "computing the SHA-256 of %s with the kernel crypto API",
			    ctx->translator);
	hex_encode(have, SHA256_LEN, hex);
	if (hex_decode(ctx->cfg.sha256, want, SHA256_LEN) < 0 ||
	    memcmp(want, have, SHA256_LEN) != 0)
		return fail(f, 0, remedy_pin, "%s has SHA-256 %s, rosetta.sha256 pins %s",
			    ctx->translator, hex, ctx->cfg.sha256);
	stage_say(ctx, "SHA-256 %s matches the pin", hex);
	return 0;
}

int stage_verify(struct boot_ctx *ctx, struct failure *f)
{
	const struct interp_policy *policy = verify_interp_policy(ctx->cfg.verify);
	struct interp_report report;
	int r, fd = interp_open(ctx->translator);

	if (fd == -ELOOP)
		return fail(f, 0, verify_remedy(INTERP_BAD_ELF), "%s is a symbolic link",
			    ctx->translator);
	if (fd < 0)
		return fail(f, -fd, verify_remedy(INTERP_NOT_FUSE), "opening %s", ctx->translator);
	if (ctx->translator_fd >= 0)
		close(ctx->translator_fd);
	ctx->translator_fd = fd;
	r = interp_check(ctx->translator_fd, policy, &report);
	if (r < 0)
		return refuse(ctx, f, r, &report);
	if (ctx->cfg.sha256[0]) {
		r = check_pin(ctx, f);
		if (r < 0)
			return r;
	}
	if (ctx->cfg.verify == VERIFY_OFF)
		log_warn("verify: rosetta.verify=off: %s was NOT checked, yet the kernel will run "
			 "it for every x86-64 program, setuid ones included",
			 ctx->translator);
	else
		stage_say(ctx, "%s is a static aarch64 executable (%lld bytes, %s checks)",
			  ctx->translator, (long long)report.st.st_size,
			  ctx->cfg.verify == VERIFY_STRICT ? "strict" : "ELF");
	return 0;
}
