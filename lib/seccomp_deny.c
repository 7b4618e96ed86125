/* Deny-list filters; see seccomp_deny.h. */
#include "seccomp_deny.h"

#include <errno.h>
#include <stddef.h>

int seccomp_deny_build(const char *const *names, uint32_t action, seccomp_unknown_fn unknown,
		       void *arg, scmp_filter_ctx *filter)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rules = 0, r = 0;

	*filter = NULL;
	if (!ctx)
		return -ENOMEM;
	for (const char *const *name = names; r == 0 && *name; name++) {
		int nr = seccomp_syscall_resolve_name(*name);

		if (nr == __NR_SCMP_ERROR && unknown)
			unknown(arg, *name);
		if (nr < 0)
			continue; /* unknown, or not a system call on this machine */
		r = seccomp_rule_add(ctx, action, nr, 0);
		rules++;
	}
	if (r < 0) {
		seccomp_release(ctx);
		return r;
	}
	*filter = ctx;
	return rules;
}
