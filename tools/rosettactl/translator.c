/* The translator, as stage verify and the self-test see it; see
 * translator.h. */
#include "translator.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/selftest.h"
#include "init/verify.h"
#include "lib/hex.h"

static void hash(int fd, struct rctl_translator *tr)
{
	unsigned char sum[SHA256_LEN];

	tr->sha_err = digest_sha256_fd(fd, sum);
	if (tr->sha_err == 0)
		hex_encode(sum, SHA256_LEN, tr->sha256);
}

void rctl_translator_read(const struct rctl_target *t, bool want_hash, struct rctl_translator *tr)
{
	/* The filesystem is judged from the mount table, where a test can
	 * describe a share; the rest as the init's policy says. */
	struct interp_policy policy = *verify_interp_policy(t->cfg.verify);
	char sys[PATH_MAX];
	int fd;

	memset(tr, 0, sizeof(*tr));
	policy.fuse = false;
	tr->mount_err = rctl_target_system_path(t, t->translator, sys, sizeof(sys))
			    ? rctl_mount_find(t, sys, false, &tr->mount)
			    : -ENAMETOOLONG;
	fd = interp_open(t->translator);
	if (fd < 0) {
		tr->open_err = fd;
		return;
	}
	tr->check_err = interp_check(fd, &policy, &tr->report);
	if (want_hash)
		hash(fd, tr);
	close(fd);
}

int rctl_translator_run(const struct rctl_target *t, struct sandbox_result *r)
{
	const char *const argv[] = { t->translator, NULL };

	return selftest_run_argv(argv, t->cfg.selftest_timeout_ms, r);
}

/* The first line of text holding word, any case, into buf. */
static const char *line_with(const char *text, const char *word, char *buf, size_t size)
{
	const char *at = strcasestr(text, word), *start;

	if (!at)
		return NULL;
	for (start = at; start > text && start[-1] != '\n'; start--)
		;
	sandbox_first_line(start, buf, size);
	return buf;
}

/* The first line of text that is not blank, into buf. */
static const char *first_text(const char *text, char *buf, size_t size)
{
	text += strspn(text, " \t\n");
	if (!*text)
		return NULL;
	sandbox_first_line(text, buf, size);
	return buf;
}

const char *rctl_version_line(const struct sandbox_result *r, char *buf, size_t size)
{
	const char *line = line_with(r->out, "version", buf, size);

	if (!line)
		line = line_with(r->err, "version", buf, size);
	if (!line)
		line = first_text(r->out, buf, size);
	if (!line)
		line = first_text(r->err, buf, size);
	return line;
}
