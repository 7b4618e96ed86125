/*
 * A unit test's scratch directory: made fresh under $TMPDIR (else /tmp), named after the
 * test program, filled by the test, and removed with everything in it. One per group of
 * tests (scratch_setup and scratch_teardown as the group's fixtures), one per test (the
 * same as a test's fixtures), or one a test makes and removes itself (scratch_make and
 * scratch_remove on a struct of its own).
 */
#ifndef TESTS_UNIT_SCRATCH_H
#define TESTS_UNIT_SCRATCH_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct scratch_name;

struct scratch {
	char dir[PATH_MAX];	    /* "" before scratch_make and after scratch_remove */
	struct scratch_name *names; /* the paths scratch_path gave, freed on removal */
};

/* Makes a fresh directory "$TMPDIR/PROGRAM.XXXXXX" (mode 0700) into s->dir. Returns 0 or
 * -errno. */
int scratch_make(struct scratch *s);

/* "DIR/rel", valid until s is removed, so that several can be held at once. Fails the test
 * when there is no memory for it. */
const char *scratch_path(struct scratch *s, const char *rel);

/* Writes DIR/rel with len bytes of data, created or truncated, and then sets its mode to
 * exactly mode (the umask does not apply; set-id bits included). Returns 0 or -errno. */
int scratch_write(const struct scratch *s, const char *rel, const void *data, size_t len,
		  mode_t mode);

/* scratch_write of a string, without its NUL. */
int scratch_put(const struct scratch *s, const char *rel, const char *text, mode_t mode);

/* Copies the test program name (build/test/NAME, made by make test-progs beside the unit
 * tests' build/unit/) into s's directory, which becomes mode 0755: run as root, a sandbox
 * runs it as nobody, who may not reach into the build tree. Its path, or NULL with a
 * message on stderr. */
const char *scratch_install_test_prog(struct scratch *s, const char *name);

/* Removes path and everything below it, not following symbolic links; a path that is not
 * there is no error (rm -rf). Returns 0 or the -errno of the first removal that failed. */
int scratch_remove_tree(const char *path);

/* Removes s's directory with everything in it and forgets the paths it gave. Returns 0 or
 * -errno; a scratch never made is no error. */
int scratch_remove(struct scratch *s);

/* cmocka fixtures: *state becomes a scratch made fresh, and is removed and freed. Return 0
 * or -1, as cmocka wants. */
int scratch_setup(void **state);
int scratch_teardown(void **state);

#endif
