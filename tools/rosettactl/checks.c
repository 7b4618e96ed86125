/* The list of checks, and what they share. */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>

#include "lib/array_size.h"
#include "lib/cli.h"

const struct rctl_check *const rctl_checks[] = {
	&rctl_check_share,	 &rctl_check_share_fs,
	&rctl_check_translator,	 &rctl_check_translator_runs,
	&rctl_check_binfmt_misc, &rctl_check_entry,
	&rctl_check_entry_owned, &rctl_check_interpreter,
	&rctl_check_flag_C,	 &rctl_check_flag_P,
	&rctl_check_flag_F,	 &rctl_check_rivals,
	&rctl_check_page_size,	 &rctl_check_va_bits,
	&rctl_check_auxv,	 &rctl_check_vdso,
	&rctl_check_tso,	 &rctl_check_kernel_config,
	&rctl_check_proc,	 &rctl_check_loader,
	&rctl_check_rosettad,	 &rctl_check_cache_socket,
};
const size_t rctl_nchecks = ARRAY_SIZE(rctl_checks);

enum rctl_verdict rctl_found(struct rctl_finding *f, enum rctl_verdict verdict, const char *remedy,
			     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->evidence, sizeof(f->evidence), fmt, ap);
	va_end(ap);
	f->verdict = verdict;
	f->remedy = remedy;
	return verdict;
}

const char *rctl_verdict_name(enum rctl_verdict verdict)
{
	static const char *const names[] = {
		[RCTL_OK] = "ok",	[RCTL_SKIPPED] = "skipped", [RCTL_WARNING] = "warning",
		[RCTL_ERROR] = "error", [RCTL_FAILED] = "failed",
	};
	return verdict < ARRAY_SIZE(names) ? names[verdict] : "?";
}

int rctl_verdict_exit(enum rctl_verdict verdict)
{
	switch (verdict) {
	case RCTL_FAILED:
		return CLI_EXIT_FAILED;
	case RCTL_ERROR:
		return CLI_EXIT_SYSTEM;
	default:
		return CLI_EXIT_OK;
	}
}
