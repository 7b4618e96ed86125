/*
 * Choosing qemu's accelerator: KVM runs an arm64 guest only on an arm64 host whose
 * /dev/kvm we can open read-write; everything else uses TCG. Pure: the caller probes.
 */
#ifndef ROSETTA_LAUNCH_ACCEL_H
#define ROSETTA_LAUNCH_ACCEL_H

#include <stdbool.h>

#include "lib/error.h"
#include "options.h"

/*
 * machine is uname's machine field; kvm_probe is 0 when /dev/kvm opened read-write, else
 * -errno. Set *kvm and return 0, or return -errno with err filled when --accel kvm cannot
 * be honoured.
 */
int launch_choose_accel(enum launch_accel want, const char *machine, int kvm_probe, bool *kvm,
			struct error_record *err);

#endif
