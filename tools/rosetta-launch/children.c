/* The launcher's children; see children.h. */
#include <string.h>
#include <sys/wait.h>

#include "children.h"
#include "process.h"

void launch_children_init(struct launch_children *c, size_t nvfs)
{
	memset(c, 0, sizeof(*c));
	c->nvfs = nvfs < LAUNCH_MAX_SHARES ? nvfs : LAUNCH_MAX_SHARES;
}

static void reap_child(struct launch_child *c, int64_t now)
{
	int r;

	if (!c->running)
		return;
	r = launch_try_reap(c->pid, &c->status);
	if (r == 0)
		return;
	if (r < 0)
		c->status = 0; /* already gone, by someone else's hand */
	c->running = false;
	c->ended_at = now;
}

void launch_children_reap(struct launch_children *c, int64_t now)
{
	size_t i;

	reap_child(&c->qemu, now);
	for (i = 0; i < c->nvfs; i++)
		reap_child(&c->vfs[i], now);
}

static bool ended_on_its_own(const struct launch_child *c)
{
	return c->pid > 0 && !c->running && !c->stopped;
}

static bool failed(const struct launch_child *c)
{
	return !(WIFEXITED(c->status) && WEXITSTATUS(c->status) == 0);
}

int launch_children_lost_share(const struct launch_children *c, int64_t now, int grace_ms)
{
	size_t i;

	if (!c->qemu.running)
		return -1;
	for (i = 0; i < c->nvfs; i++) {
		const struct launch_child *v = &c->vfs[i];

		if (ended_on_its_own(v) && (failed(v) || now - v->ended_at >= grace_ms))
			return (int)i;
	}
	return -1;
}

int64_t launch_children_grace_end(const struct launch_children *c, int grace_ms)
{
	int64_t t = -1;
	size_t i;

	if (!c->qemu.running)
		return -1;
	for (i = 0; i < c->nvfs; i++) {
		const struct launch_child *v = &c->vfs[i];

		if (ended_on_its_own(v) && !failed(v) && (t < 0 || v->ended_at + grace_ms < t))
			t = v->ended_at + grace_ms;
	}
	return t;
}

int launch_children_failed_share(const struct launch_children *c)
{
	size_t i;

	for (i = 0; i < c->nvfs; i++)
		if (ended_on_its_own(&c->vfs[i]) && failed(&c->vfs[i]))
			return (int)i;
	return -1;
}

static void stop_child(struct launch_child *c, int sigfd, int grace_ms)
{
	if (!c->running)
		return;
	launch_stop(sigfd, c->pid, grace_ms, &c->status);
	c->running = false;
	c->stopped = true;
}

void launch_children_stop(struct launch_children *c, int sigfd, int qemu_grace_ms, int vfs_grace_ms)
{
	size_t i;

	stop_child(&c->qemu, sigfd, qemu_grace_ms);
	for (i = 0; i < c->nvfs; i++)
		stop_child(&c->vfs[i], sigfd, vfs_grace_ms);
}
