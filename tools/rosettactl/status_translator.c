/* status's translator object: the file, its ELF facts, its SHA-256, what
 * stage verify thinks of it and what it says when run by hand. */
#include <elf.h>
#include <errno.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

enum { T_PATH, T_SIZE, T_ELF, T_VERIFY, T_SHA256, T_VERSION, T_EXIT, T_COUNT };

static const struct table_column translator_columns[T_COUNT] = {
	[T_PATH] = { "PATH", SCOLS_JSON_STRING, "the translator (rosetta.mount/rosetta)" },
	[T_SIZE] = { "SIZE", SCOLS_JSON_NUMBER, "its size in bytes" },
	[T_ELF] = { "ELF", SCOLS_JSON_STRING, "its ELF machine, type and entry point" },
	[T_VERIFY] = { "VERIFY", SCOLS_JSON_STRING, "what stage verify says of it" },
	[T_SHA256] = { "SHA256", SCOLS_JSON_STRING, "its SHA-256 (kernel crypto API)" },
	[T_VERSION] = { "VERSION", SCOLS_JSON_STRING, "the line naming its version, run by hand" },
	[T_EXIT] = { "EXIT", SCOLS_JSON_STRING, "how that run ended" },
};

static const char *elf_facts(const struct interp_report *rep, char *buf, size_t size)
{
	const struct elf_facts *f = &rep->facts;
	char machine[24];

	if (rep->rule == INTERP_BAD_ELF && rep->elf < ELF_WRONG_MACHINE)
		return elf_rule_str(rep->elf);
	snprintf(buf, size, "%s %s%s, entry 0x%llx",
		 elf_machine_name(f->machine, machine, sizeof(machine)),
		 f->type == ET_DYN    ? "ET_DYN"
		 : f->type == ET_EXEC ? "ET_EXEC"
				      : "other type",
		 f->pie ? " (static-pie)" : "", (unsigned long long)f->entry);
	return buf;
}

static const char *verify_text(const struct status_translator *r, char *buf, size_t size)
{
	char why[64];

	if (r->tr.check_err == 0)
		return "accepted";
	if (r->tr.report.rule == INTERP_OK)
		return strerror(-r->tr.check_err);
	snprintf(buf, size, "refused: it %s", interp_explain(&r->tr.report, why, sizeof(why)));
	return buf;
}

static const char *exit_text(const struct status_translator *r, char *buf, size_t size)
{
	const struct sandbox_result *s = &r->run;

	if (r->run_err < 0)
		return strerror(-r->run_err);
	if (s->exec_errno)
		snprintf(buf, size, "not executed: %s", strerror(s->exec_errno));
	else if (s->timed_out)
		snprintf(buf, size, "killed after %u ms", r->t->cfg.selftest_timeout_ms);
	else if (!s->exited)
		snprintf(buf, size, "signal %d (%s)", s->signal, strsignal(s->signal));
	else
		snprintf(buf, size, "exit code %d", s->code);
	return buf;
}

static const char *translator_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct status_translator *r = row;
	bool opened = r->tr.open_err == 0;

	(void)human;
	switch (col) {
	case T_PATH:
		return r->t->translator;
	case T_SIZE:
		return opened
			   ? status_number((unsigned long long)r->tr.report.st.st_size, buf, size)
			   : NULL;
	case T_ELF:
		return opened && r->tr.report.facts.machine ? elf_facts(&r->tr.report, buf, size)
							    : NULL;
	case T_VERIFY:
		return opened ? verify_text(r, buf, size) : strerror(-r->tr.open_err);
	case T_SHA256:
		return r->tr.sha256[0] ? r->tr.sha256 : NULL;
	case T_VERSION:
		return r->version[0] ? r->version : NULL;
	case T_EXIT:
		return opened ? exit_text(r, buf, size) : NULL;
	}
	return NULL;
}

const struct table_column_set status_translator_columns = {
	.v = translator_columns,
	.n = T_COUNT,
	.cell = translator_cell,
	.defaults = "PATH,SIZE,ELF,VERIFY,SHA256,VERSION,EXIT",
	.json_defaults = "PATH,SIZE,ELF,VERIFY,SHA256,VERSION,EXIT",
	.json_name = "translator",
	.fields = true,
};

void status_translator_read(const struct rctl_target *t, struct status_translator *row)
{
	memset(row, 0, sizeof(*row));
	row->t = t;
	rctl_translator_read(t, true, &row->tr);
	if (row->tr.open_err < 0)
		return;
	row->run_err = rctl_translator_run(t, &row->run);
	if (row->run_err == 0 && !row->run.exec_errno &&
	    !rctl_version_line(&row->run, row->version, sizeof(row->version)))
		row->version[0] = '\0';
}
