/* status's share and translator objects. */
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

const char *status_yes(bool yes)
{
	return yes ? "yes" : "no";
}

const char *status_number(unsigned long long n, char *buf, size_t size)
{
	snprintf(buf, size, "%llu", n);
	return buf;
}

enum { S_TAG, S_MOUNT, S_MOUNTED, S_SOURCE, S_FSTYPE, S_READ_ONLY, S_DEVICES, S_TAGS, S_COUNT };

static const struct table_column share_columns[S_COUNT] = {
	[S_TAG] = { "TAG", SCOLS_JSON_STRING, "the tag the share should have (rosetta.tag)" },
	[S_MOUNT] = { "MOUNT", SCOLS_JSON_STRING, "where it should be mounted (rosetta.mount)" },
	[S_MOUNTED] = { "MOUNTED", SCOLS_JSON_BOOLEAN, "whether something is mounted there" },
	[S_SOURCE] = { "SOURCE", SCOLS_JSON_STRING, "what is: the share's tag for virtio-fs" },
	[S_FSTYPE] = { "FSTYPE", SCOLS_JSON_STRING, "its filesystem type" },
	[S_READ_ONLY] = { "READ_ONLY", SCOLS_JSON_BOOLEAN, "whether it is mounted read-only" },
	[S_DEVICES] = { "DEVICES", SCOLS_JSON_NUMBER, "virtio-fs devices the kernel sees" },
	[S_TAGS] = { "TAGS", SCOLS_JSON_STRING, "their tags, where the kernel names them" },
};

static const char *share_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_share *r = row;
	const struct rctl_mount *m = &r->s.mount;

	(void)human;
	switch (col) {
	case S_TAG:
		return r->t->cfg.tag;
	case S_MOUNT:
		return r->t->cfg.mount;
	case S_MOUNTED:
		return status_yes(m->found);
	case S_SOURCE:
		return m->found ? m->source : NULL;
	case S_FSTYPE:
		return m->found ? m->fstype : NULL;
	case S_READ_ONLY:
		return m->found ? status_yes(m->read_only) : NULL;
	case S_DEVICES:
		return status_number((unsigned)r->s.devices, buf, size);
	case S_TAGS:
		return r->s.tags_err ? NULL : rctl_share_tag_list(&r->s, buf, size);
	}
	return NULL;
}

const struct table_column_set status_share_columns = {
	.v = share_columns,
	.n = S_COUNT,
	.cell = share_cell,
	.defaults = "TAG,MOUNT,MOUNTED,SOURCE,FSTYPE,READ_ONLY,DEVICES,TAGS",
	.json_defaults = "TAG,MOUNT,MOUNTED,SOURCE,FSTYPE,READ_ONLY,DEVICES,TAGS",
	.json_name = "share",
	.fields = true,
};

void status_share_read(const struct rctl_target *t, struct status_share *row)
{
	row->t = t;
	rctl_share_read(t, &row->s);
}
