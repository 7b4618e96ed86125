/* Laying out the shares of a launch; see plan.h. */
#include <errno.h>
#include <stdio.h>

#include "plan.h"

const char *launch_runtime_base(const char *xdg_runtime_dir)
{
	if (xdg_runtime_dir && xdg_runtime_dir[0] == '/')
		return xdg_runtime_dir;
	return "/tmp";
}

static int share_paths(struct launch_share *s, size_t i, const char *rundir,
		       struct error_record *err)
{
	int n;

	n = snprintf(s->socket, sizeof(s->socket), "%s/vfs%zu.sock", rundir, i);
	if (n < 0 || (size_t)n >= sizeof(s->socket))
		return error_set(err, -ENAMETOOLONG,
				 "socket path %s/vfs%zu.sock is longer than a unix socket allows "
				 "(%d bytes); point XDG_RUNTIME_DIR at a shorter directory",
				 rundir, i, LAUNCH_SOCKET_MAX - 1);
	n = snprintf(s->log, sizeof(s->log), "%s/vfs%zu.log", rundir, i);
	if (n < 0 || (size_t)n >= sizeof(s->log))
		return error_set(err, -ENAMETOOLONG, "run directory path %s is too long", rundir);
	return 0;
}

static int set_share(struct launch_share *s, const char *tag, const char *dir, bool ro)
{
	s->tag = tag;
	s->ro = ro;
	s->provided = false;
	if ((size_t)snprintf(s->dir, sizeof(s->dir), "%s", dir) >= sizeof(s->dir))
		return -ENAMETOOLONG;
	return 0;
}

int launch_plan_shares(struct launch_plan *plan, const struct launch_config *cfg)
{
	bool vfkit = cfg->backend == LAUNCH_BACKEND_VFKIT;
	size_t i;
	int r;

	plan->nshares = 0;
	r = set_share(&plan->share[plan->nshares++], cfg->tag, vfkit ? "" : cfg->rosetta_dir,
		      false);
	plan->share[0].provided = vfkit;
	/* The guest mounts an --ephemeral root read-only under its tmpfs: the host may too. */
	if (r == 0 && cfg->root_dir)
		r = set_share(&plan->share[plan->nshares++], ROOT_SHARE_TAG, cfg->root_dir,
			      cfg->root_ro || cfg->ephemeral);
	for (i = 0; r == 0 && i < cfg->nshares; i++)
		r = set_share(&plan->share[plan->nshares++], cfg->share[i].tag, cfg->share[i].dir,
			      cfg->share[i].ro);
	plan->nservers = vfkit ? 0 : plan->nshares;
	return r;
}

int launch_plan_sockets(struct launch_plan *plan, const char *rundir, struct error_record *err)
{
	size_t i;

	for (i = 0; i < plan->nservers; i++) {
		int r = share_paths(&plan->share[i], i, rundir, err);
		if (r < 0)
			return r;
	}
	return 0;
}
