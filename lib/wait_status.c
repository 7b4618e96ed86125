/* The wording of a wait status; see wait_status.h. */
#include "wait_status.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

void wait_status_describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, size, "ended (wait status %#x)", (unsigned int)status);
}
