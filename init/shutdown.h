/* Ending the system from PID 1. */
#ifndef INIT_SHUTDOWN_H
#define INIT_SHUTDOWN_H

#include <sys/reboot.h>

/* Stop every process (SIGTERM, a bounded wait, SIGKILL), sync, and ask the
 * kernel to power off, halt or reboot (RB_* command). Never returns, and
 * never lets PID 1 exit. */
void __attribute__((noreturn)) shutdown_system(int how);

#endif
