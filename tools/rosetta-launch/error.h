/*
 * The launcher's error record: library functions fill it when an errno alone would not
 * say which file, option or child failed, and main.c prints it.
 */
#ifndef ROSETTA_LAUNCH_ERROR_H
#define ROSETTA_LAUNCH_ERROR_H

struct launch_error {
	char msg[512];
};

/* Format the message into err (when not NULL) and return -errnum. */
int launch_fail(struct launch_error *err, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
