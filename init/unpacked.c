/* Whether the kernel unpacked the whole initramfs. When it runs out of
 * memory half way it says so in its log, once, and starts /init anyway: the
 * boot would go on with files silently missing. The log line is the only
 * signal the kernel gives (init/initramfs.c, since Linux 2.6). */
#include "unpacked.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#define SYSLOG_ACTION_READ_ALL	  3
#define SYSLOG_ACTION_SIZE_BUFFER 10

static const char marker[] = "Initramfs unpacking failed: ";

int initramfs_unpack_error(char *why, size_t size)
{
	int len = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n;
	char *log, *p;

	if (len <= 0)
		return 0;
	log = malloc((size_t)len + 1);
	if (!log)
		return 0;
	n = klogctl(SYSLOG_ACTION_READ_ALL, log, len);
	log[n > 0 ? n : 0] = '\0';
	p = strstr(log, marker);
	if (p) {
		p += strlen(marker);
		p[strcspn(p, "\n")] = '\0';
		snprintf(why, size, "%s", p);
	}
	free(log);
	return p != NULL;
}
