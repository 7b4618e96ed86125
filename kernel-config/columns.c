/* Cells of the facts, verdicts and warnings; see columns.h. */
#include "columns.h"

#include <libsmartcols.h>
#include <stdio.h>

#include "check.h"

enum { FACT_FILE, FACT_ARCH, FACT_VERSION, FACT_PAGE_SIZE, FACT_VA_BITS, FACT_MODULES, FACTS };

static const struct table_column fact_columns[FACTS] = {
	[FACT_FILE] = { "FILE", SCOLS_JSON_STRING, "the configuration read" },
	[FACT_ARCH] = { "ARCH", SCOLS_JSON_STRING, "the architecture its header names" },
	[FACT_VERSION] = { "VERSION", SCOLS_JSON_STRING, "the kernel version" },
	[FACT_PAGE_SIZE] = { "PAGE_SIZE", SCOLS_JSON_NUMBER, "the page size (bytes in JSON)" },
	[FACT_VA_BITS] = { "VA_BITS", SCOLS_JSON_NUMBER, "the bits of user virtual addresses" },
	[FACT_MODULES] = { "MODULES", SCOLS_JSON_BOOLEAN, "whether it loads modules" },
};

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *page_size(unsigned int shift, bool human, char *buf, size_t size)
{
	if (!shift)
		return NULL;
	if (human)
		snprintf(buf, size, "%luK", 1ul << (shift - 10));
	else
		snprintf(buf, size, "%lu", 1ul << shift);
	return buf;
}

static const char *fact_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct kconfig_facts *f = row;

	switch (col) {
	case FACT_FILE:
		return f->file;
	case FACT_ARCH:
		return nonempty(f->arch);
	case FACT_VERSION:
		return nonempty(f->version);
	case FACT_PAGE_SIZE:
		return page_size(f->page_shift, human, buf, size);
	case FACT_VA_BITS:
		if (!f->va_bits)
			return NULL;
		snprintf(buf, size, "%u", f->va_bits);
		return buf;
	case FACT_MODULES:
		return f->modules ? "yes" : "no";
	}
	return NULL;
}

const struct table_column_set kconfig_fact_columns = {
	.v = fact_columns,
	.n = FACTS,
	.cell = fact_cell,
	.defaults = "FILE,ARCH,VERSION,PAGE_SIZE,VA_BITS,MODULES",
	.json_defaults = "FILE,ARCH,VERSION,PAGE_SIZE,VA_BITS,MODULES",
	.json_name = "kernel",
	.fields = true,
};

enum { V_OPTION, V_LEVEL, V_STATE, V_VALUE, V_WANT, V_DETAIL, V_WHY, VERDICTS };

static const struct table_column verdict_columns[VERDICTS] = {
	[V_OPTION] = { "OPTION", SCOLS_JSON_STRING, "the option" },
	[V_LEVEL] = { "LEVEL", SCOLS_JSON_STRING, "required or recommended" },
	[V_STATE] = { "STATE", SCOLS_JSON_STRING,
		      "built-in, module, satisfied, set, not set, missing or wrong" },
	[V_VALUE] = { "VALUE", SCOLS_JSON_STRING, "its value in the configuration" },
	[V_WANT] = { "WANT", SCOLS_JSON_STRING, "what the rule wants (y: built in or a module)" },
	[V_DETAIL] = { "DETAIL", SCOLS_JSON_STRING, "the page size or VA bits judged" },
	[V_WHY] = { "WHY", SCOLS_JSON_STRING, "why rosetta-guest needs it" },
};

static const char *verdict_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct kconfig_verdict *v = row;

	(void)human;
	(void)buf;
	(void)size;
	switch (col) {
	case V_OPTION:
		return v->rule->option;
	case V_LEVEL:
		return kconfig_level_name(v->rule->level);
	case V_STATE:
		return kconfig_state_name(v->state);
	case V_VALUE:
		return v->value;
	case V_WANT:
		return v->rule->want ? v->rule->want : "not set";
	case V_DETAIL:
		return nonempty(v->detail);
	case V_WHY:
		return v->rule->why;
	}
	return NULL;
}

const struct table_column_set kconfig_verdict_columns = {
	.v = verdict_columns,
	.n = VERDICTS,
	.cell = verdict_cell,
	.defaults = "OPTION,LEVEL,STATE,WHY",
	.json_defaults = "OPTION,LEVEL,STATE,VALUE,WANT,DETAIL,WHY",
	.json_name = "options",
};

enum { W_SINCE, W_HOSTS, W_WARNING, WARNINGS };

static const struct table_column warning_columns[WARNINGS] = {
	[W_SINCE] = { "SINCE", SCOLS_JSON_STRING, "the kernel version it starts with" },
	[W_HOSTS] = { "HOSTS", SCOLS_JSON_STRING, "the hosts whose Rosetta it concerns" },
	[W_WARNING] = { "WARNING", SCOLS_JSON_STRING, "what happens" },
};

static const char *warning_cell(const void *row, size_t col, bool human, char *buf, size_t size)
{
	const struct kconfig_warning *w = row;

	(void)human;
	(void)buf;
	(void)size;
	switch (col) {
	case W_SINCE:
		return w->since;
	case W_HOSTS:
		return w->hosts;
	case W_WARNING:
		return w->text;
	}
	return NULL;
}

const struct table_column_set kconfig_warning_columns = {
	.v = warning_columns,
	.n = WARNINGS,
	.cell = warning_cell,
	.defaults = "SINCE,HOSTS,WARNING",
	.json_defaults = "SINCE,HOSTS,WARNING",
	.json_name = "warnings",
};
