/* The kernel as the files under PROC tell it: the aux vector it passes
 * (PROC/self/auxv: the page size, the entry types), and its configuration
 * judged by libkconfig's rules (PROC/config.gz). What only asking the
 * kernel tells is in the target's probes. */
#ifndef ROSETTACTL_KERNEL_H
#define ROSETTACTL_KERNEL_H

#include <stdbool.h>

#include "auxv.h"
#include "kernel-config/check.h"
#include "target.h"

struct rctl_kernel {
	struct rctl_auxv auxv;
	int auxv_err;
	unsigned long page_size; /* AT_PAGESZ; 0: unknown */
	/* With the configuration: */
	bool have_config; /* config and report hold it */
	int config_err;	  /* -ENOENT: no PROC/config.gz */
	struct error_record config_e;
	struct kconfig config;
	struct kconfig_report report;
};

/* Read the aux vector; with config, the configuration too. Never fails:
 * what could not be read is in the _err fields. Free with
 * rctl_kernel_free. */
void rctl_kernel_read(const struct rctl_target *t, bool config, struct rctl_kernel *k);
void rctl_kernel_free(struct rctl_kernel *k);

/* The required options the configuration does not meet, as "CONFIG_A,
 * CONFIG_B" into buf. Returns how many. */
size_t rctl_kernel_unmet(const struct rctl_kernel *k, char *buf, size_t size);

#endif
