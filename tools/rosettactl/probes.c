/* Asking the running kernel; see probes.h. */
#include "probes.h"

#include <stdio.h>
#include <string.h>

#include "va.h"
#include "vdso.h"

void rctl_probe_kernel(struct rctl_probes *p)
{
	struct utsname u;

	memset(p, 0, sizeof(*p));
	if (uname(&u) == 0) {
		snprintf(p->release, sizeof(p->release), "%s", u.release);
		snprintf(p->machine, sizeof(p->machine), "%s", u.machine);
	}
	if (strcmp(p->machine, "aarch64") != 0)
		return;
	p->done = true;
	p->va_bits = rctl_va_bits_probe(rctl_map_here, NULL);
	p->vdso_err = rctl_vdso_find(&p->vdso, &p->vdso_len);
	p->tso = rctl_tso_probe();
}
