/* The paths rosettactl looks at and the init's configuration found there. */
#include "target.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "init/stages.h"

/* "A/B" (or "B" alone when A is "/") into buf; false when it does not fit. */
static bool join(char *buf, size_t size, const char *a, const char *b)
{
	int n;

	while (*b == '/')
		b++;
	n = !strcmp(a, "/") ? snprintf(buf, size, "/%s", b)
			    : snprintf(buf, size, "%s%s%s", a, *b ? "/" : "", b);
	return n >= 0 && (size_t)n < size;
}

/* Into dst: given when the option was used, else base/rel. */
static int set_path(char *dst, const char *given, const char *base, const char *rel,
		    struct error_record *e)
{
	bool ok = given ? (size_t)snprintf(dst, PATH_MAX, "%s", given) < PATH_MAX
			: join(dst, PATH_MAX, base, rel);

	if (!ok)
		return error_set(e, -ENAMETOOLONG, "path too long: %s", given ? given : base);
	return 0;
}

static void warn_count(void *arg, const char *where, const char *key, const char *problem)
{
	(void)where, (void)key, (void)problem;
	++*(int *)arg;
}

/* As stage config does: defaults, the file, the command line. */
static int read_config(struct rctl_target *t, struct error_record *e)
{
	char cmdline[CMDLINE_MAX], path[PATH_MAX];
	int r;

	config_defaults(&t->cfg);
	t->config_warnings = 0;
	r = config_read_file(&t->cfg, t->config_file, warn_count, &t->config_warnings);
	if (r < 0)
		return error_set(e, r, "cannot read %s: %m", t->config_file);
	if (!rctl_proc_path(t, "cmdline", path, sizeof(path)))
		return error_set(e, -ENAMETOOLONG, "path too long: %s", t->proc);
	r = read_cmdline_at(path, cmdline, sizeof(cmdline));
	if (r == 0)
		config_parse_cmdline(&t->cfg, cmdline, warn_count, &t->config_warnings);
	else if (r != -ENOENT)
		return error_set(e, r, "cannot read %s: %m", path);
	return 0;
}

int rctl_target_init(struct rctl_target *t, const struct rctl_where *w, struct error_record *e)
{
	int r;

	memset(t, 0, sizeof(*t));
	r = set_path(t->root, w->root, "/", "", e);
	for (size_t n = strlen(t->root); n > 1 && t->root[n - 1] == '/'; n--)
		t->root[n - 1] = '\0';
	if (r == 0)
		r = set_path(t->proc, w->proc, t->root, "proc", e);
	if (r == 0)
		r = set_path(t->sys, w->sys, t->root, "sys", e);
	if (r == 0)
		r = set_path(t->binfmt_dir, w->binfmt_dir, t->proc, "sys/fs/binfmt_misc", e);
	if (r == 0)
		r = set_path(t->config_file, w->config, t->root, CONFIG_FILE, e);
	if (r == 0)
		r = read_config(t, e);
	if (r == 0)
		r = set_path(t->mount, w->mount, t->root, t->cfg.mount, e);
	if (r == 0)
		r = set_path(t->translator, NULL, t->mount, DEFAULT_TRANSLATOR_FILE, e);
	return r;
}

const char *rctl_target_path(const struct rctl_target *t, const char *path, char *buf, size_t size)
{
	return join(buf, size, t->root, path) ? buf : NULL;
}

const char *rctl_target_system_path(const struct rctl_target *t, const char *path, char *buf,
				    size_t size)
{
	size_t n = strlen(t->root);
	const char *rest = path;

	if (strcmp(t->root, "/") != 0 && !strncmp(path, t->root, n) &&
	    (path[n] == '/' || path[n] == '\0'))
		rest = path[n] ? path + n : "/";
	return (size_t)snprintf(buf, size, "%s", rest) < size ? buf : NULL;
}

const char *rctl_proc_path(const struct rctl_target *t, const char *rel, char *buf, size_t size)
{
	return join(buf, size, t->proc, rel) ? buf : NULL;
}

const char *rctl_sys_path(const struct rctl_target *t, const char *rel, char *buf, size_t size)
{
	return join(buf, size, t->sys, rel) ? buf : NULL;
}
