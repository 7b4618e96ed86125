/* How every program words the way a child ended, from its wait status. */
#ifndef LIB_WAIT_STATUS_H
#define LIB_WAIT_STATUS_H

#include <stddef.h>

/* "exited with status N" or "killed by signal N (NAME)", NAME as
 * strsignal(3) gives it; anything else (a stopped child) as its raw
 * value. Cut to size bytes, NUL-terminated. */
void wait_status_describe(int status, char *buf, size_t size);

#endif
