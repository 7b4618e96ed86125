/* status's cache and kernel objects. */
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "status.h"
#include "vdso.h"

enum { C_CACHE, C_DAEMON, C_RUNNING, C_SOCKET, C_SOCKET_MODE, C_OPEN, C_COUNT };

static const struct table_column cache_columns[C_COUNT] = {
	[C_CACHE] = { "CACHE", SCOLS_JSON_STRING, "the cache directory (rosetta.cache)" },
	[C_DAEMON] = { "DAEMON", SCOLS_JSON_BOOLEAN, "whether rosettad is on the share" },
	[C_RUNNING] = { "RUNNING", SCOLS_JSON_STRING, "the rosettad processes" },
	[C_SOCKET] = { "SOCKET", SCOLS_JSON_STRING, "where the host looks for its socket" },
	[C_SOCKET_MODE] = { "SOCKET_MODE", SCOLS_JSON_STRING, "its file mode" },
	[C_OPEN] = { "OPEN", SCOLS_JSON_BOOLEAN, "whether it is a socket every user can write to" },
};

static const char *pids(const struct rctl_cache *c, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < c->npids && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%d", i ? " " : "", (int)c->pids[i]);

		used += n > 0 ? (size_t)n : 0;
	}
	return c->npids ? buf : "none";
}

static const char *cache_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_cache *r = row;
	const struct rctl_cache *c = &r->c;

	(void)human;
	switch (col) {
	case C_CACHE:
		return c->configured ? r->t->cfg.cache : NULL;
	case C_DAEMON:
		return status_yes(c->daemon_present);
	case C_RUNNING:
		return pids(c, buf, size);
	case C_SOCKET:
		return c->socket;
	case C_SOCKET_MODE:
		if (c->socket_err)
			return strerror(-c->socket_err);
		snprintf(buf, size, "%04o", (unsigned int)(c->socket_mode & 07777));
		return buf;
	case C_OPEN:
		return status_yes(rctl_cache_socket_open(c));
	}
	return NULL;
}

const struct table_column_set status_cache_columns = {
	.v = cache_columns,
	.n = C_COUNT,
	.cell = cache_cell,
	.defaults = "CACHE,DAEMON,RUNNING,SOCKET,SOCKET_MODE,OPEN",
	.json_defaults = "CACHE,DAEMON,RUNNING,SOCKET,SOCKET_MODE,OPEN",
	.json_name = "cache",
	.fields = true,
};

void status_cache_read(const struct rctl_target *t, struct status_cache *row)
{
	row->t = t;
	rctl_cache_read(t, &row->c);
}

enum { K_RELEASE, K_MACHINE, K_PAGE, K_VA, K_AUXV, K_VDSO, K_TSO, K_CONFIG, K_UNMET, K_COUNT };

static const struct table_column kernel_columns[K_COUNT] = {
	[K_RELEASE] = { "RELEASE", SCOLS_JSON_STRING, "the running kernel (uname)" },
	[K_MACHINE] = { "MACHINE", SCOLS_JSON_STRING, "its machine" },
	[K_PAGE] = { "PAGE_SIZE", SCOLS_JSON_NUMBER, "its page size in bytes (AT_PAGESZ)" },
	[K_VA] = { "VA_BITS", SCOLS_JSON_NUMBER, "bits of user address, probed" },
	[K_AUXV] = { "AUXV", SCOLS_JSON_STRING, "the aux vector types it passes" },
	[K_VDSO] = { "VDSO_HASH", SCOLS_JSON_BOOLEAN, "whether its vDSO has DT_HASH" },
	[K_TSO] = { "TSO", SCOLS_JSON_STRING, "its TSO memory-model prctl" },
	[K_CONFIG] = { "CONFIG", SCOLS_JSON_STRING, "its configuration, or why none" },
	[K_UNMET] = { "UNMET", SCOLS_JSON_STRING, "the required options it lacks" },
};

static const char *vdso_hash(const struct rctl_probes *p)
{
	int r = p->vdso ? rctl_vdso_has_hash(p->vdso, p->vdso_len) : -1;

	return r < 0 ? NULL : status_yes(r);
}

static const char *config(const struct rctl_kernel *k)
{
	if (k->have_config)
		return k->config.name;
	return k->config_e.count ? k->config_e.msg[0].text : strerror(-k->config_err);
}

static const char *kernel_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_kernel *r = row;
	const struct rctl_probes *p = &r->t->probes;

	(void)human;
	switch (col) {
	case K_RELEASE:
		return p->release[0] ? p->release : NULL;
	case K_MACHINE:
		return p->machine[0] ? p->machine : NULL;
	case K_PAGE:
		return r->k.page_size ? status_number(r->k.page_size, buf, size) : NULL;
	case K_VA:
		return p->va_bits ? status_number(p->va_bits, buf, size) : NULL;
	case K_AUXV:
		return r->k.auxv_err ? NULL : rctl_auxv_types(&r->k.auxv, buf, size);
	case K_VDSO:
		return vdso_hash(p);
	case K_TSO:
		return p->done ? rctl_tso_name(p->tso) : NULL;
	case K_CONFIG:
		return config(&r->k);
	case K_UNMET:
		return r->k.have_config && rctl_kernel_unmet(&r->k, buf, size) ? buf
		       : r->k.have_config				       ? "none"
									       : NULL;
	}
	return NULL;
}

const struct table_column_set status_kernel_columns = {
	.v = kernel_columns,
	.n = K_COUNT,
	.cell = kernel_cell,
	.defaults = "RELEASE,MACHINE,PAGE_SIZE,VA_BITS,AUXV,VDSO_HASH,TSO,CONFIG,UNMET",
	.json_defaults = "RELEASE,MACHINE,PAGE_SIZE,VA_BITS,AUXV,VDSO_HASH,TSO,CONFIG,UNMET",
	.json_name = "kernel",
	.fields = true,
};

void status_kernel_read(const struct rctl_target *t, struct status_kernel *row)
{
	row->t = t;
	rctl_kernel_read(t, true, &row->k);
}
