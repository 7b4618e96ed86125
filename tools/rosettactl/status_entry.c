/* status's entry object and handlers table. */
#include <errno.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "owner.h"
#include "status.h"

enum { E_NAME, E_STATE, E_FLAGS, E_INTERP, E_RUNNABLE, E_PIN, E_FS, E_OWNER, E_COUNT };

static const struct table_column entry_columns[E_COUNT] = {
	[E_NAME] = { "NAME", SCOLS_JSON_STRING, "the entry (rosetta.binfmt.name)" },
	[E_STATE] = { "STATE", SCOLS_JSON_STRING, "enabled, disabled, missing or unreadable" },
	[E_FLAGS] = { "FLAGS", SCOLS_JSON_STRING, "its flags as the kernel reports them" },
	[E_INTERP] = { "INTERPRETER", SCOLS_JSON_STRING, "the translator it runs" },
	[E_RUNNABLE] = { "RUNNABLE", SCOLS_JSON_STRING, "whether the kernel can open it now" },
	[E_PIN] = { "PIN", SCOLS_JSON_STRING, "whether it is the share's translator" },
	[E_FS] = { "MOUNT", SCOLS_JSON_STRING, "where binfmt_misc is mounted" },
	[E_OWNER] = { "KEPT_BY", SCOLS_JSON_STRING,
		      "the binfmt.d file that registers it for systemd-binfmt" },
};

static const char *state(const struct rctl_entry *en)
{
	if (en->err == -ENOENT)
		return "missing";
	if (en->err < 0 && en->err != -EINVAL)
		return strerror(-en->err);
	if (en->err == -EINVAL)
		return "unreadable";
	return en->st.enabled ? "enabled" : "disabled";
}

static const char *pin(enum rctl_pin p)
{
	return p == RCTL_PIN_SAME    ? "the share's translator"
	       : p == RCTL_PIN_OTHER ? "another file"
				     : NULL;
}

static const char *entry_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_entry *r = row;
	const struct rctl_entry *en = &r->en;
	bool have = en->err == 0 || en->err == -EINVAL;

	(void)buf, (void)size;
	switch (col) {
	case E_NAME:
		return r->t->cfg.binfmt_name;
	case E_STATE:
		return state(en);
	case E_FLAGS:
		return have ? en->st.flags : NULL;
	case E_INTERP:
		return have ? en->st.interpreter : NULL;
	case E_RUNNABLE:
		return !have			      ? NULL
		       : en->runnable_err == 0	      ? "yes"
		       : en->rule.broken != BINFMT_OK ? binfmt_rule_text(en->rule.broken)
						      : strerror(-en->runnable_err);
	case E_PIN:
		return have ? pin(en->pin) : NULL;
	case E_FS:
		return rctl_entry_fs_mounted(en) ? en->fs.target : human ? "not mounted" : NULL;
	case E_OWNER:
		return r->owner > 0 ? r->owner_file : r->owner == 0 ? "none" : NULL;
	}
	return NULL;
}

const struct table_column_set status_entry_columns = {
	.v = entry_columns,
	.n = E_COUNT,
	.cell = entry_cell,
	.defaults = "NAME,STATE,FLAGS,INTERPRETER,RUNNABLE,PIN,MOUNT,KEPT_BY",
	.json_defaults = "NAME,STATE,FLAGS,INTERPRETER,RUNNABLE,PIN,MOUNT,KEPT_BY",
	.json_name = "entry",
	.fields = true,
};

void status_entry_read(const struct rctl_target *t, struct status_entry *row)
{
	row->t = t;
	rctl_entry_read(t, &row->en);
	row->owner_file[0] = '\0';
	row->owner =
	    rctl_binfmtd_owner(t, t->cfg.binfmt_name, row->owner_file, sizeof(row->owner_file));
}

enum { H_ORDER, H_NAME, H_ENABLED, H_X86_64, H_RUNS, H_INTERP, H_FLAGS, H_COUNT };

static const struct table_column handler_columns[H_COUNT] = {
	[H_ORDER] = { "ORDER", SCOLS_JSON_NUMBER, "when the kernel tries it: 1 first" },
	[H_NAME] = { "NAME", SCOLS_JSON_STRING, "the entry" },
	[H_ENABLED] = { "ENABLED", SCOLS_JSON_BOOLEAN, "whether it is enabled" },
	[H_X86_64] = { "X86_64", SCOLS_JSON_BOOLEAN, "whether it matches x86-64 programs" },
	[H_RUNS] = { "RUNS", SCOLS_JSON_STRING, "the x86-64 programs the kernel runs through it" },
	[H_INTERP] = { "INTERPRETER", SCOLS_JSON_STRING, "what it runs them with" },
	[H_FLAGS] = { "FLAGS", SCOLS_JSON_STRING, "its flags" },
};

static const char *runs(const struct rctl_handler *h)
{
	if (h->runs_dyn && h->runs_exec)
		return "all";
	if (h->runs_dyn)
		return "PIEs";
	return h->runs_exec ? "executables" : NULL;
}

static const char *handler_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_handler *r = row;
	const struct rctl_handler *h = r->h;

	(void)human;
	switch (col) {
	case H_ORDER:
		return status_number(r->order, buf, size);
	case H_NAME:
		return h->e.name;
	case H_ENABLED:
		return status_yes(h->enabled);
	case H_X86_64:
		return h->unreadable ? NULL : status_yes(h->x86_64);
	case H_RUNS:
		return runs(h);
	case H_INTERP:
		return h->e.interpreter;
	case H_FLAGS:
		return h->unreadable ? NULL : h->e.flags;
	}
	return NULL;
}

const struct table_column_set status_handler_columns = {
	.v = handler_columns,
	.n = H_COUNT,
	.cell = handler_cell,
	.defaults = "ORDER,NAME,ENABLED,X86_64,RUNS,INTERPRETER,FLAGS",
	.json_defaults = "ORDER,NAME,ENABLED,X86_64,RUNS,INTERPRETER,FLAGS",
	.json_name = "handlers",
};
