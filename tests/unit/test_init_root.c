/* rosetta-init's root stage checks, on scratch trees in /tmp: a program must
 * be in the tree and executable, and what starts it (an ELF program's
 * dynamic loader, a script's interpreter) must be in the tree too; block
 * devices are probed with libblkid (on image files) and matched by the
 * rosetta.root forms. */
/* Before cmocka.h, which defines a fail() macro of its own. */
#include "init/blockdev.h"
#include "init/root_check.h"
#include "lib/array_size.h"

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

static char tree[] = "/tmp/test-init-root.XXXXXX";

static void put(const char *rel, const char *text, mode_t mode)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

/* A copy of the host's own /bin/true: a dynamic program of this machine. */
static void put_host_program(const char *rel)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "cp /bin/true %s/%s", tree, rel);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	char cmd[300];

	(void)state;
	if (!mkdtemp(tree))
		return -1;
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/bin %s/lib64 %s/usr/bin %s/dev", tree, tree, tree,
		 tree);
	return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tree);
	return system(cmd) == 0 ? 0 : -1;
}

static int check(const char *prog, struct failure *f)
{
	memset(f, 0, sizeof(*f));
	return root_check_program(tree, "virtiofs:t", "entry", prog, f);
}

/* A stage's way to fail: the record filled and its errno returned (-EINVAL
 * when the input, not a call, failed). */
static bool failed(int r, const struct failure *f)
{
	return r == (f->err ? -f->err : -EINVAL);
}

static void missing_and_unexecutable_programs_fail(void **state)
{
	struct failure f;

	(void)state;
	assert_true(failed(check("/bin/nothing", &f), &f));
	assert_int_equal(f.err, ENOENT);
	assert_string_equal(f.what, "entry /bin/nothing in virtiofs:t");
	put("bin/data", "plain\n", 0644);
	assert_true(failed(check("/bin/data", &f), &f));
	assert_string_equal(f.what, "entry /bin/data in virtiofs:t is not an executable file");
	assert_true(failed(check("/bin", &f), &f));
	assert_int_equal(f.err, EACCES);
}

/* The dynamic loader the program names must be in the tree, not merely on
 * the machine that builds it. */
static void dynamic_program_needs_its_loader(void **state)
{
	struct failure f;
	char loader[256];
	FILE *p;

	(void)state;
	put_host_program("bin/prog");
	p = popen("readelf -l /bin/true | sed -n 's/.*interpreter: \\(.*\\)]/\\1/p'", "r");
	assert_non_null(p);
	assert_non_null(fgets(loader, sizeof(loader), p));
	pclose(p);
	loader[strcspn(loader, "\n")] = '\0';
	assert_true(failed(check("/bin/prog", &f), &f));
	assert_int_equal(f.err, ENOENT);
	assert_non_null(strstr(f.what, "has no x86-64 dynamic loader"));
	assert_non_null(strstr(f.what, loader));
	assert_non_null(strstr(f.what, "which entry /bin/prog needs"));
	assert_non_null(strstr(f.remedy, "libc6"));

	/* An absolute symlink resolves inside the tree, as after the switch. */
	put("lib64/real-loader", "", 0755);
	{
		char link[300];

		snprintf(link, sizeof(link), "%s%s", tree, loader);
		unlink(link);
		assert_int_equal(symlink("/lib64/real-loader", link), 0);
	}
	assert_int_equal(check("/bin/prog", &f), 0);
}

static void script_needs_its_interpreter(void **state)
{
	struct failure f;

	(void)state;
	put("usr/bin/tool", "#!/usr/bin/python3 -u\nprint(1)\n", 0755);
	assert_true(failed(check("/usr/bin/tool", &f), &f));
	assert_string_equal(f.what, "/usr/bin/tool's interpreter /usr/bin/python3 in virtiofs:t");
	put("usr/bin/python3",
	    "\x7f"
	    "ELF",
	    0755); /* too short to be judged: the kernel's job */
	assert_int_equal(check("/usr/bin/tool", &f), 0);
}

static void blockdev_probes_and_matches_images(void **state)
{
	static const char *const forms[] = { "LABEL=roottree", "/dev/vdz" };
	char sys[64], dev[64], cmd[1024], seen[256];
	struct blockdev bd[4];
	struct root_spec spec;
	size_t n;

	(void)state;
	snprintf(sys, sizeof(sys), "%s/sys", tree);
	snprintf(dev, sizeof(dev), "%s/dev", tree);
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

	return cmocka_run_group_tests(tests, setup, teardown);
}
