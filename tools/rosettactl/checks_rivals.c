/* The handler the kernel runs x86-64 programs through: ours, not a
 * qemu-x86_64, FEX or box64 entry registered after it. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "entry.h"
#include "handlers.h"

static const char remedy_rival[] =
    "disable the other handler (binfmtctl conflicts --disable), or remove the package that "
    "registers it (qemu-user-static, qemu-user-binfmt, fex-emu-binfmt64, box64)";

/* The enabled x86-64 handlers other than ours, "a (/usr/bin/x), b (...)". */
static void others(const struct rctl_handlers *hs, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < hs->n && used < size; i++) {
		const struct rctl_handler *h = &hs->v[i];
		int n;

		if (h->ours || !h->enabled || !h->x86_64)
			continue;
		n = snprintf(buf + used, size - used, "%s%s (%s)", used ? ", " : "", h->e.name,
			     h->e.interpreter);
		used += n > 0 ? (size_t)n : 0;
	}
}

static enum rctl_verdict judge(const struct rctl_target *t, const struct rctl_handlers *hs,
			       struct rctl_finding *f)
{
	const struct rctl_handler *w = rctl_handlers_winner(hs);
	char rest[256];

	others(hs, rest, sizeof(rest));
	if (w && !w->ours)
		return rctl_found(f, RCTL_FAILED, remedy_rival,
				  "the kernel runs x86-64 programs through %s (%s), not %s",
				  w->e.name, w->e.interpreter, t->cfg.binfmt_name);
	if (!w)
		return rctl_found(f, RCTL_SKIPPED, NULL,
				  "no enabled handler matches x86-64 programs%s%s",
				  rest[0] ? "; enabled elsewhere: " : "", rest);
	return rctl_found(f, RCTL_OK, NULL, "the kernel runs x86-64 programs through %s%s%s",
			  w->e.name, rest[0] ? "; tried after it: " : "", rest);
}

static enum rctl_verdict check_rivals(const struct rctl_target *t, struct rctl_finding *f)
{
	struct rctl_handlers hs;
	int r = rctl_handlers_read(t, &hs);
	enum rctl_verdict v;

	if (r < 0)
		return rctl_found(f, RCTL_SKIPPED, NULL, "cannot list %s: %s", t->binfmt_dir,
				  strerror(-r));
	if (hs.pick_err < 0)
		v = rctl_found(f, RCTL_ERROR, NULL,
			       "an entry in %s cannot be read, so who runs x86-64 programs is "
			       "unknown: %s",
			       t->binfmt_dir, strerror(-hs.pick_err));
	else
		v = judge(t, &hs, f);
	rctl_handlers_free(&hs);
	return v;
}

const struct rctl_check rctl_check_rivals = {
	.name = "rivals",
	.what = "no other handler (qemu-x86_64, FEX, box64) takes x86-64 programs first",
	.run = check_rivals,
};
