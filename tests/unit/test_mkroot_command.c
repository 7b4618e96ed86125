/* image_command_resolve: the image's command looked up in its own PATH, inside the root, as a
 * container runtime would when it starts it. */
#include "lib/fs.h"
#include "tests/unit/scratch.h"
#include "tools/rosetta-mkroot/image_command.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static int setup(void **state)
{
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	if (make_dirs(scratch_path(s, "root/usr/bin"), 0755) < 0 ||
	    make_dirs(scratch_path(s, "root/opt/app"), 0755) < 0 ||
	    scratch_put(s, "root/usr/bin/python3", "x", 0755) < 0 ||
	    scratch_put(s, "root/usr/bin/data", "x", 0644) < 0 ||
	    scratch_put(s, "root/opt/app/run", "x", 0755) < 0 ||
	    symlink("usr/bin", scratch_path(s, "root/bin")) < 0 ||
	    scratch_put(s, "host-only", "x", 0755) < 0)
		return -1;
	return 0;
}

/* Resolve words[0] with env and workdir; returns the result, the command after. */
static int resolve(struct scratch *s, const char *cmd, char *env0, char *workdir, char *out,
		   size_t size, struct error_record *e)
{
	char *entry[] = { strdup(cmd), "-c" }, *env[] = { env0 };
	struct image_config ic = { .entry = entry,
				   .entry_count = 2,
				   .env = env,
				   .env_count = env0 ? 1 : 0,
				   .workdir = workdir };
	int root = open(scratch_path(s, "root"), O_PATH | O_DIRECTORY | O_CLOEXEC), r;

	assert_true(root >= 0);
	error_init(e);
	r = image_command_resolve(root, &ic, e);
	close(root);
	snprintf(out, size, "%s", entry[0]);
	free(entry[0]);
	return r;
}

static void found_in_path(void **state)
{
	struct error_record e;
	char got[256];

	assert_int_equal(resolve(*state, "python3", NULL, NULL, got, sizeof(got), &e), 0);
	assert_string_equal(got, "/usr/bin/python3"); /* the first of DEFAULT_PATH that has it */
	assert_int_equal(
	    resolve(*state, "python3", "PATH=/nowhere:/bin", NULL, got, sizeof(got), &e), 0);
	assert_string_equal(got, "/bin/python3");
	assert_int_equal(resolve(*state, "/abs/as/is", NULL, NULL, got, sizeof(got), &e), 0);
	assert_string_equal(got, "/abs/as/is");
	assert_int_equal(resolve(*state, "./run", NULL, "/opt/app", got, sizeof(got), &e), 0);
	assert_string_equal(got, "/opt/app/./run");
}

static void not_found(void **state)
{
	struct error_record e;
	char got[256];

	assert_int_equal(resolve(*state, "nginx", NULL, NULL, got, sizeof(got), &e), -ENOENT);
	assert_non_null(strstr(e.msg[0].text, "'nginx' is no executable file in the image's PATH"));
	/* Not executable, a relative PATH entry, the host's file: none is taken. */
	assert_int_equal(resolve(*state, "data", NULL, NULL, got, sizeof(got), &e), -ENOENT);
	assert_int_equal(resolve(*state, "python3", "PATH=usr/bin:.", NULL, got, sizeof(got), &e),
			 -ENOENT);
	assert_int_equal(resolve(*state, "host-only", "PATH=/..:/", NULL, got, sizeof(got), &e),
			 -ENOENT);
	assert_int_equal(resolve(*state, "./run", NULL, NULL, got, sizeof(got), &e), -ENOENT);
	assert_non_null(strstr(e.msg[0].text, "from its WorkingDir /"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(found_in_path, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(not_found, setup, scratch_teardown),
	};

	return cmocka_run_group_tests_name("mkroot_command", tests, NULL, NULL);
}
