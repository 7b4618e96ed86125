/* The kernel configuration parser and the checker over it: on any bytes the
 * parse either names bad lines or yields options sorted by name, each once,
 * that written back as a .config parse to themselves; and a parsed
 * configuration is judged by the fragments' rules with every verdict
 * counted where it belongs. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel-config/check.h"

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_options(const struct kconfig *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct kconfig_option *o = &c->v[i];

		check(!strncmp(o->name, "CONFIG_", 7) && o->name[7] != '\0');
		check(strspn(o->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				      "0123456789_") == strlen(o->name));
		check(!o->value || (o->value[0] && strcmp(o->value, "n") != 0));
		check(o->line > 0);
		check(i == 0 || strcmp(c->v[i - 1].name, o->name) < 0);
		check(kconfig_find(c, o->name) == o);
	}
	check(!strchr(c->arch, ' ') && !strchr(c->version, ' '));
}

/* c written back as a .config, parsed: the same options and values. */
static void check_round_trip(const struct kconfig *c)
{
	struct error_record e;
	struct kconfig again;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	check(f != NULL);
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].value)
			fprintf(f, "%s=%s\n", c->v[i].name, c->v[i].value);
		else
			fprintf(f, "# %s is not set\n", c->v[i].name);
	}
	check(fclose(f) == 0);
	error_init(&e);
	check(kconfig_parse(&again, text, len, "again", &e) == 0);
	check(again.n == c->n);
	for (size_t i = 0; i < c->n; i++) {
		check(!strcmp(again.v[i].name, c->v[i].name));
		check(!again.v[i].value == !c->v[i].value);
		check(!c->v[i].value || !strcmp(again.v[i].value, c->v[i].value));
	}
	kconfig_free(&again);
	free(text);
}

static void check_report(const struct kconfig *c)
{
	struct kconfig_report rep;
	struct error_record e;
	size_t failed[KCONFIG_LEVELS] = { 0 };
	int r;

	error_init(&e);
	r = kconfig_check(c, kconfig_rules, kconfig_nrules, &rep, &e);
	check(r == 0 || r == -ENOEXEC || r == -EINVAL);
	if (r < 0) {
		check(e.count == 1 && !rep.verdicts);
		return;
	}
	check(rep.n == kconfig_nrules && rep.nwarnings <= KCONFIG_WARNINGS_MAX);
	for (size_t i = 0; i < rep.n; i++) {
		const struct kconfig_verdict *v = &rep.verdicts[i];

		check(v->rule == &kconfig_rules[i] && v->state <= KCONFIG_WRONG);
		check(v->state != KCONFIG_MODULE || (v->value && !strcmp(v->value, "m")));
		failed[v->rule->level] += !kconfig_verdict_ok(v);
	}
	check(!memcmp(failed, rep.failed, sizeof(failed)));
	kconfig_report_free(&rep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error_record e;
	struct kconfig c;
	int r;

	error_init(&e);
	r = kconfig_parse(&c, (const char *)data, size, "fuzz", &e);
	check(r == 0 || r == -EINVAL);
	if (r < 0) {
		check(e.count > 0 && e.msg[0].line > 0 && !c.v && !c.text);
		return 0;
	}
	check(e.count == 0);
	check_options(&c);
	check_round_trip(&c);
	check_report(&c);
	kconfig_free(&c);
	return 0;
}
