/* What status prints: one object per part (the share, the translator, the
 * entry, the cache, the kernel) and the table of handlers, each with its
 * column set for lib/table.h, read from the target by status_*_read. */
#ifndef ROSETTACTL_STATUS_H
#define ROSETTACTL_STATUS_H

#include "binfmt/sandbox.h"
#include "cache.h"
#include "entry.h"
#include "handlers.h"
#include "kernel.h"
#include "lib/table.h"
#include "share.h"
#include "translator.h"

struct status_share {
	const struct rctl_target *t;
	struct rctl_share s;
};

struct status_translator {
	const struct rctl_target *t;
	struct rctl_translator tr;
	int run_err; /* setting up the sandbox */
	struct sandbox_result run;
	char version[160];
};

struct status_entry {
	const struct rctl_target *t;
	struct rctl_entry en;
	int owner; /* rctl_binfmtd_owner's */
	char owner_file[PATH_MAX];
};

/* One row of the handlers' table: an entry and its place in the order. */
struct status_handler {
	const struct rctl_handler *h;
	size_t order; /* 1: tried first */
};

struct status_cache {
	const struct rctl_target *t;
	struct rctl_cache c;
};

struct status_kernel {
	const struct rctl_target *t;
	struct rctl_kernel k;
};

extern const struct table_column_set status_share_columns, status_translator_columns,
    status_entry_columns, status_handler_columns, status_cache_columns, status_kernel_columns;

void status_share_read(const struct rctl_target *t, struct status_share *row);
void status_translator_read(const struct rctl_target *t, struct status_translator *row);
void status_entry_read(const struct rctl_target *t, struct status_entry *row);
void status_cache_read(const struct rctl_target *t, struct status_cache *row);
/* Free with rctl_kernel_free(&row->k). */
void status_kernel_read(const struct rctl_target *t, struct status_kernel *row);

/* "yes" or "no", which lib/table.h's JSON writes as true and false. */
const char *status_yes(bool yes);

/* A number into buf. Returns buf. */
const char *status_number(unsigned long long n, char *buf, size_t size);

#endif
