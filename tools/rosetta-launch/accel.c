/* Choosing between KVM and TCG; see accel.h. */
#include <errno.h>
#include <string.h>

#include "accel.h"

int launch_choose_accel(enum launch_accel want, const char *machine, int kvm_probe, bool *kvm,
			struct error_record *err)
{
	bool arm64 = strcmp(machine, "aarch64") == 0;

	*kvm = false;
	switch (want) {
	case LAUNCH_ACCEL_TCG:
		return 0;
	case LAUNCH_ACCEL_AUTO:
		*kvm = arm64 && kvm_probe == 0;
		return 0;
	case LAUNCH_ACCEL_KVM:
		if (!arm64)
			return error_set(err, -EOPNOTSUPP,
					 "--accel kvm needs an aarch64 host; this one is %s "
					 "(use --accel tcg)",
					 machine);
		if (kvm_probe < 0)
			return error_set(err, kvm_probe, "--accel kvm: cannot open /dev/kvm: %s",
					 strerror(-kvm_probe));
		*kvm = true;
		return 0;
	}
	return error_set(err, -EINVAL, "unknown accelerator %d", (int)want);
}
