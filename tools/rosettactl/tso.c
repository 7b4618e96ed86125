/* The TSO prctl; see tso.h. */
#include "tso.h"

#include <errno.h>
#include <sys/prctl.h>

enum rctl_tso rctl_tso_judge(int ret, int err)
{
	if (ret >= 0)
		return RCTL_TSO_PRESENT;
	return err == EINVAL ? RCTL_TSO_ABSENT : RCTL_TSO_UNKNOWN;
}

enum rctl_tso rctl_tso_probe(void)
{
	int ret = prctl(RCTL_PR_GET_MEM_MODEL, 0, 0, 0, 0);

	return rctl_tso_judge(ret, ret < 0 ? errno : 0);
}

const char *rctl_tso_name(enum rctl_tso tso)
{
	switch (tso) {
	case RCTL_TSO_PRESENT:
		return "present";
	case RCTL_TSO_ABSENT:
		return "absent";
	default:
		return "unknown";
	}
}
