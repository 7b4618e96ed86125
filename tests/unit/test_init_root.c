/* rosetta-init's root stage checks, on scratch trees: a program must
 * be in the tree and executable, and what starts it (an ELF program's
 * dynamic loader, a script's interpreter) must be in the tree too; block
 * devices are probed with libblkid (on image files) and matched by the
 * rosetta.root forms. */
/* Before cmocka.h, which defines a fail() macro of its own. */
#include "init/blockdev.h"
#include "init/root_check.h"
#include "lib/array_size.h"
#include "lib/fs.h"
#include "tests/unit/scratch.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void put(struct scratch *s, const char *rel, const char *text, mode_t mode)
{
	assert_int_equal(scratch_put(s, rel, text, mode), 0);
}

/* A copy of the host's own /bin/true: a dynamic program of this machine. */
static void put_host_program(struct scratch *s, const char *rel)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "cp /bin/true %s", scratch_path(s, rel));
	assert_int_equal(system(cmd), 0);
}

/* A scratch tree with /bin, /lib64, /usr/bin and /dev. */
static int setup(void **state)
{
	static const char *const dirs[] = { "bin", "lib64", "usr/bin", "dev" };
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (make_dirs(scratch_path(s, dirs[i]), 0755) < 0)
			return -1;
	return 0;
}

static int check(const struct scratch *s, const char *prog, struct failure *f)
{
	int tree = open(s->dir, O_PATH | O_DIRECTORY | O_CLOEXEC), r;

	assert_true(tree >= 0);
	memset(f, 0, sizeof(*f));
	r = root_check_program(tree, "virtiofs:t", "entry", prog, f);
	close(tree);
	return r;
}

/* A stage's way to fail: the record filled and its errno returned (-EINVAL
 * when the input, not a call, failed). */
static bool failed(int r, const struct failure *f)
{
	return r == (f->err ? -f->err : -EINVAL);
}

static void missing_and_unexecutable_programs_fail(void **state)
{
	struct scratch *s = *state;
	struct failure f;

	assert_true(failed(check(s, "/bin/nothing", &f), &f));
	assert_int_equal(f.err, ENOENT);
	assert_string_equal(f.what, "entry /bin/nothing in virtiofs:t");
	put(s, "bin/data", "plain\n", 0644);
	assert_true(failed(check(s, "/bin/data", &f), &f));
	assert_string_equal(f.what, "entry /bin/data in virtiofs:t is not an executable file");
	assert_true(failed(check(s, "/bin", &f), &f));
	assert_int_equal(f.err, EACCES);
}

/* The dynamic loader the program names must be in the tree, not merely on
 * the machine that builds it. */
static void dynamic_program_needs_its_loader(void **state)
{
	struct scratch *s = *state;
	struct failure f;
	char loader[256];
	FILE *p;

	put_host_program(s, "bin/prog");
	p = popen("readelf -l /bin/true | sed -n 's/.*interpreter: \\(.*\\)]/\\1/p'", "r");
	assert_non_null(p);
	assert_non_null(fgets(loader, sizeof(loader), p));
	pclose(p);
	loader[strcspn(loader, "\n")] = '\0';
	assert_true(failed(check(s, "/bin/prog", &f), &f));
	assert_int_equal(f.err, ENOENT);
	assert_non_null(strstr(f.what, "has no x86-64 dynamic loader"));
	assert_non_null(strstr(f.what, loader));
	assert_non_null(strstr(f.what, "which entry /bin/prog needs"));
	assert_non_null(strstr(f.remedy, "libc6"));

	/* An absolute symlink resolves inside the tree, as after the switch. */
	put(s, "lib64/real-loader", "", 0755);
	unlink(scratch_path(s, loader + 1));
	assert_int_equal(symlink("/lib64/real-loader", scratch_path(s, loader + 1)), 0);
	assert_int_equal(check(s, "/bin/prog", &f), 0);
}

static void script_needs_its_interpreter(void **state)
{
	struct scratch *s = *state;
	struct failure f;

	put(s, "usr/bin/tool", "#!/usr/bin/python3 -u\nprint(1)\n", 0755);
	assert_true(failed(check(s, "/usr/bin/tool", &f), &f));
	assert_string_equal(f.what, "/usr/bin/tool's interpreter /usr/bin/python3 in virtiofs:t");
	put(s, "usr/bin/python3",
	    "\x7f"
	    "ELF",
	    0755); /* too short to be judged: the kernel's job */
	assert_int_equal(check(s, "/usr/bin/tool", &f), 0);
}

static void blockdev_probes_and_matches_images(void **state)
{
	struct scratch *s = *state;
	static const char *const forms[] = { "LABEL=roottree", "/dev/vdz" };
	const char *sys = scratch_path(s, "sys"), *dev = scratch_path(s, "dev");
	char cmd[16 * PATH_MAX], seen[256];
	struct blockdev bd[4];
	struct root_spec spec;
	size_t n;

	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/vdz %s/vdy %s/ram0 && echo 8192 >%s/vdz/size && "
		 "echo 8192 >%s/vdy/size && echo 0 >%s/ram0/size && "
		 "truncate -s 4M %s/vdz %s/vdy && mkfs.ext4 -q -L roottree %s/vdz",
		 sys, sys, sys, sys, sys, sys, dev, dev, dev);
	assert_int_equal(system(cmd), 0);
	n = blockdev_scan(sys, dev, bd, 4);
	assert_int_equal(n, 2); /* ram0 has no size */
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		size_t hits = 0;

		assert_int_equal(contract_root_parse(forms[i], &spec), 0);
		for (size_t j = 0; j < n; j++)
			if (blockdev_matches(&bd[j], &spec)) {
				assert_string_equal(bd[j].name, "vdz");
				assert_string_equal(bd[j].type, "ext4");
				hits++;
			}
		assert_int_equal(hits, 1);
	}
	assert_int_equal(contract_root_parse("LABEL=other", &spec), 0);
	for (size_t j = 0; j < n; j++)
		assert_false(blockdev_matches(&bd[j], &spec));
	if (!strcmp(bd[0].name, "vdy")) { /* readdir order is the filesystem's */
		struct blockdev t = bd[0];

		bd[0] = bd[1];
		bd[1] = t;
	}
	blockdev_describe(bd, n, seen, sizeof(seen));
	assert_string_equal(seen, "vdz (ext4, label 'roottree'), vdy (no filesystem)");
	blockdev_describe(bd, 0, seen, sizeof(seen));
	assert_string_equal(seen, "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_and_unexecutable_programs_fail),
		cmocka_unit_test(dynamic_program_needs_its_loader),
		cmocka_unit_test(script_needs_its_interpreter),
		cmocka_unit_test(blockdev_probes_and_matches_images),
	};

	return cmocka_run_group_tests(tests, setup, scratch_teardown);
}
