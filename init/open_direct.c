/* open(2) as the one openat(2) it is. musl's open() follows an O_CLOEXEC
 * open with fcntl(F_SETFD, FD_CLOEXEC), for kernels before 2.6.23 that
 * ignored the flag: a second system call for every file that PID 1,
 * libkmod and libmount open, each costing hundreds of microseconds in an
 * emulated guest. rosetta-init is linked with -Wl,--wrap=open
 * (init/build.mk), which sends every call of open(), musl's own opendir()
 * included, here; the kernels it runs on honour O_CLOEXEC. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

int __wrap_open(const char *path, int flags, ...);

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)syscall(SYS_openat, AT_FDCWD, path, flags | O_LARGEFILE, mode);
}
