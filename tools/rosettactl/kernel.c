/* The kernel's aux vector and configuration; see kernel.h. */
#include "kernel.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void read_config(const struct rctl_target *t, struct rctl_kernel *k)
{
	char path[PATH_MAX];
	int r;

	error_init(&k->config_e);
	if (!rctl_proc_path(t, "config.gz", path, sizeof(path))) {
		k->config_err = -ENAMETOOLONG;
		return;
	}
	r = kconfig_read_running(&k->config, path, &k->config_e);
	if (r == 0) {
		r = kconfig_check(&k->config, kconfig_rules, kconfig_nrules, &k->report,
				  &k->config_e);
		if (r < 0)
			kconfig_free(&k->config);
	}
	k->config_err = r;
	k->have_config = r == 0;
}

void rctl_kernel_read(const struct rctl_target *t, bool config, struct rctl_kernel *k)
{
	memset(k, 0, sizeof(*k));
	k->auxv_err = rctl_auxv_read(t, &k->auxv);
	if (k->auxv_err == 0)
		rctl_auxv_get(&k->auxv, AT_PAGESZ, &k->page_size);
	if (config)
		read_config(t, k);
}

void rctl_kernel_free(struct rctl_kernel *k)
{
	if (!k->have_config)
		return;
	kconfig_report_free(&k->report);
	kconfig_free(&k->config);
	k->have_config = false;
}

size_t rctl_kernel_unmet(const struct rctl_kernel *k, char *buf, size_t size)
{
	size_t n = 0, used = 0;

	buf[0] = '\0';
	for (size_t i = 0; k->have_config && i < k->report.n; i++) {
		const struct kconfig_verdict *v = &k->report.verdicts[i];
		int w;

		if (v->rule->level != KCONFIG_REQUIRED || kconfig_verdict_ok(v))
			continue;
		n++;
		if (used >= size)
			continue;
		w = snprintf(buf + used, size - used, "%s%s", n > 1 ? ", " : "", v->rule->option);
		used += w > 0 ? (size_t)w : 0;
	}
	return n;
}
