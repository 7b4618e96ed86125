/* What rosetta-kconfig prints; see report.h. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "kernel-config/columns.h"
#include "lib/cli.h"

/* The facts and the warnings are for a reader: -r prints the options
 * alone, for scripts, as lsmem leaves its summary out. -o picks the
 * options' columns only. */
static int print_document(const struct kconfig_report *rep, const struct table_format *f)
{
	struct table_format fixed = { .json = f->json, .raw = f->raw, .noheadings = f->noheadings };
	struct table_document d;
	int r = 0;

	table_document_begin(&d, f, stdout);
	if (!f->raw)
		r = table_document_add_rows(&d, &kconfig_fact_columns, &fixed, &rep->facts, 1,
					    sizeof(rep->facts));
	if (r == 0)
		r = table_document_add_rows(&d, &kconfig_verdict_columns, f, rep->verdicts, rep->n,
					    sizeof(*rep->verdicts));
	if (r == 0 && !f->raw && (f->json || rep->nwarnings))
		r = table_document_add_rows(&d, &kconfig_warning_columns, &fixed, rep->warnings,
					    rep->nwarnings, sizeof(*rep->warnings));
	return r == 0 ? table_document_end(&d) : r;
}

static void print_unmet(const struct kconfig_verdict *v)
{
	const struct kconfig_rule *rule = v->rule;

	fprintf(stderr, PROG ": %s option %s is %s", kconfig_level_name(rule->level), rule->option,
		kconfig_state_name(v->state));
	if (v->detail[0])
		fprintf(stderr, " (%s)", v->detail);
	else if (v->state == KCONFIG_WRONG)
		fprintf(stderr, " (%s, wanted %s)", v->value ? v->value : "not set",
			rule->want ? rule->want : "not set");
	fprintf(stderr, ": %s\n", rule->why);
}

int report_kernel(const struct kconfig_report *rep, const struct table_format *f)
{
	int r = print_document(rep, f);

	if (r < 0) {
		fprintf(stderr, PROG ": cannot print the report: %s\n", strerror(-r));
		return CLI_EXIT_SYSTEM;
	}
	for (size_t i = 0; i < rep->n; i++)
		if (rep->verdicts[i].rule->level == KCONFIG_REQUIRED &&
		    !kconfig_verdict_ok(&rep->verdicts[i]))
			print_unmet(&rep->verdicts[i]);
	return rep->failed[KCONFIG_REQUIRED] ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

int report_errors(const struct error_record *e)
{
	for (unsigned int i = 0; i < e->count && i < ERROR_MAX; i++)
		fprintf(stderr, PROG ": %s\n", e->msg[i].text);
	if (e->count > ERROR_MAX)
		fprintf(stderr, PROG ": ... and %u more\n", e->count - ERROR_MAX);
	return e->system ? CLI_EXIT_SYSTEM : CLI_EXIT_FAILED;
}
