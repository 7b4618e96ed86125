/* Unit tests for rosetta-mkinitramfs spec files: good lines, each kind of bad line with its
 * message and line number, root-only ownership, and the duplicate and parent checks made
 * when spec entries are merged with the tree. */
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

#include "tools/rosetta-mkinitramfs/entry.h"
#include "lib/error.h"
#include "tools/rosetta-mkinitramfs/spec.h"
#include "tools/rosetta-mkinitramfs/tree.h"
#include "lib/array_size.h"
#include "tests/unit/scratch.h"

static int parse(const char *text, struct entry_list *l, struct error_record *err)
{
	error_init(err);
	return spec_parse_text(text, strlen(text), "t.spec", l, err);
}

static const struct entry *find(const struct entry_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	fail_msg("no entry %s", name);
	return NULL;
}

static void test_spec_good_lines(void **state)
{
	struct scratch *s = *state;
	const char *loc = scratch_path(s, "data");
	struct entry_list l = { 0 };
	struct error_record err;
	char *text;
	const struct entry *e;

	assert_int_equal(scratch_put(s, "data", "12345", 0644), 0);
	assert_true(asprintf(&text,
			     "# the console\n"
			     "\n"
			     "   # indented comment\n"
			     "dir /dev 0755 0 0\n"
			     "nod /dev/console 0600 0 0 c 5 1\n"
			     "\tnod ./dev/sda 660 0 0 b 8 0  \n"
			     "slink /bin/sh busybox 0777 0 0\n"
			     "file etc/data %s 04755 0 0\n"
			     "dir //srv 1777 0 0",
			     loc) > 0);
	assert_int_equal(parse(text, &l, &err), 0);
	assert_int_equal(err.count, 0);
	assert_int_equal(l.n, 6);
	e = find(&l, "dev");
	assert_int_equal(e->mode, S_IFDIR | 0755);
	assert_int_equal(e->line, 4);
	assert_string_equal(e->origin, "t.spec");
	e = find(&l, "dev/console");
	assert_int_equal(e->mode, S_IFCHR | 0600);
	assert_int_equal(e->rdev_major, 5);
	assert_int_equal(e->rdev_minor, 1);
	assert_int_equal(e->line, 5);
	e = find(&l, "dev/sda");
	assert_int_equal(e->mode, S_IFBLK | 0660);
	assert_int_equal(e->rdev_major, 8);
	assert_int_equal(e->rdev_minor, 0);
	e = find(&l, "bin/sh");
	assert_int_equal(e->mode, S_IFLNK | 0777);
	assert_string_equal(e->target, "busybox");
	assert_int_equal(e->size, 7);
	e = find(&l, "etc/data");
	assert_int_equal(e->mode, S_IFREG | 04755);
	assert_string_equal(e->src, loc);
	assert_int_equal(e->size, 5);
	assert_int_equal(e->line, 8);
	e = find(&l, "srv");
	assert_int_equal(e->mode, S_IFDIR | 01777);
	assert_int_equal(e->line, 9);
	entry_list_free(&l);
	free(text);
}

struct bad_line {
	const char *line;
	const char *message; /* after "t.spec:N: " */
};

static const struct bad_line bad_lines[] = {
	{ "frob /x 0755 0 0", "unknown entry type 'frob': need dir, nod, slink or file" },
	{ "dir /x 0755 0", "dir takes 4 fields (dir NAME MODE UID GID), got 3" },
	{ "dir /x 0755 0 0 0", "dir takes 4 fields (dir NAME MODE UID GID), got 5" },
	{ "nod /x 0600 0 0 c 5", "nod takes 7 fields (nod NAME MODE UID GID TYPE MAJ MIN), got 6" },
	{ "slink /x", "slink takes 5 fields (slink NAME TARGET MODE UID GID), got 1" },
	{ "file /x y 0644 0 0 /hardlink",
	  "file takes 5 fields (file NAME LOCATION MODE UID GID), got 6" },
	{ "dir /x 0758 0 0", "bad mode '0758': need octal permission bits, 0 to 7777" },
	{ "dir /x 10000 0 0", "bad mode '10000': need octal permission bits, 0 to 7777" },
	{ "dir /x -755 0 0", "bad mode '-755': need octal permission bits, 0 to 7777" },
	{ "dir /x rwx 0 0", "bad mode 'rwx': need octal permission bits, 0 to 7777" },
	{ "dir /x 0755 root 0", "bad uid 'root': need a decimal number" },
	{ "dir /x 0755 0 -1", "bad gid '-1': need a decimal number" },
	{ "dir / 0755 0 0", "bad name '/': empty path" },
	{ "dir ./ 0755 0 0", "bad name './': empty path" },
	{ "dir a//b 0755 0 0", "bad name 'a//b': empty path component" },
	{ "dir a/ 0755 0 0", "bad name 'a/': empty path component" },
	{ "dir a/../b 0755 0 0", "bad name 'a/../b': '.' and '..' are not allowed" },
	{ "dir a/. 0755 0 0", "bad name 'a/.': '.' and '..' are not allowed" },
	{ "dir .. 0755 0 0", "bad name '..': '.' and '..' are not allowed" },
	{ "nod /x 0600 0 0 p 5 1", "bad device type 'p': need c or b" },
	{ "nod /x 0600 0 0 c 4096 1", "bad major '4096': need 0 to 4095" },
	{ "nod /x 0600 0 0 c 5 1048576", "bad minor '1048576': need 0 to 1048575" },
	{ "nod /x 0600 0 0 b five 1", "bad major 'five': need 0 to 4095" },
	{ "file /x /nonexistent/loc 0644 0 0",
	  "cannot stat /nonexistent/loc: No such file or directory" },
	{ "file /x /tmp 0644 0 0", "/tmp is not a regular file" },
};

/* Every bad line is reported, in order, with its own line number, and the good lines
 * between them are still parsed. */
static void test_spec_bad_lines_each_reported(void **state)
{
	const size_t nbad = ARRAY_SIZE(bad_lines);
	struct entry_list l = { 0 };
	struct error_record *err = malloc(sizeof(*err));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(err);
	assert_non_null(f);
	for (size_t i = 0; i < nbad; i++)
		fprintf(f, "%s\ndir /ok%zu 0755 0 0\n", bad_lines[i].line, i);
	fclose(f);
	assert_int_equal(parse(text, &l, err), -EINVAL);
	assert_int_equal(err->count, nbad);
	assert_int_equal(err->system, false);
	assert_int_equal(l.n, nbad);
	for (size_t i = 0; i < nbad && i < ERROR_MAX; i++) {
		char want[512];

		snprintf(want, sizeof(want), "t.spec:%zu: %s", 2 * i + 1, bad_lines[i].message);
		assert_int_equal(err->msg[i].line, 2 * i + 1);
		assert_string_equal(err->msg[i].text, want);
	}
	entry_list_free(&l);
	free(text);
	free(err);
}

/* The table is longer than ERROR_MAX: check each line alone so every message is seen. */
static void test_spec_bad_line_messages(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad_lines); i++) {
		struct entry_list l = { 0 };
		struct error_record err;
		char text[256], want[512];

		snprintf(text, sizeof(text), "# comment\n\n%s\n", bad_lines[i].line);
		snprintf(want, sizeof(want), "t.spec:3: %s", bad_lines[i].message);
		assert_int_equal(parse(text, &l, &err), -EINVAL);
		assert_int_equal(err.count, 1);
		assert_int_equal(err.msg[0].line, 3);
		assert_string_equal(err.msg[0].text, want);
		assert_int_equal(l.n, 0);
	}
}

static void test_spec_nonzero_owner_refused(void **state)
{
	struct entry_list l = { 0 };
	struct error_record err;

	(void)state;
	assert_int_equal(parse("dir /home 0755 1000 0\n"
			       "nod /dev/tty 0620 0 5 c 5 0\n"
			       "slink /x y 0777 0 0\n"
			       "slink /y x 0777 1 1\n",
			       &l, &err),
			 -EINVAL);
	assert_int_equal(err.count, 3);
	assert_string_equal(
	    err.msg[0].text,
	    "t.spec:1: uid 1000 refused: only root-owned entries (0) are supported");
	assert_string_equal(err.msg[1].text,
			    "t.spec:2: gid 5 refused: only root-owned entries (0) are supported");
	assert_string_equal(err.msg[2].text,
			    "t.spec:4: uid 1 refused: only root-owned entries (0) are supported");
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "x");
	entry_list_free(&l);
}

static void test_spec_nul_byte_refused(void **state)
{
	static const char text[] = "dir /a 0755 0 0\ndir /b\0c 0755 0 0\n";
	struct entry_list l = { 0 };
	struct error_record err;

	(void)state;
	error_init(&err);
	assert_int_equal(spec_parse_text(text, sizeof(text) - 1, "t.spec", &l, &err), -EINVAL);
	assert_int_equal(err.count, 1);
	assert_string_equal(err.msg[0].text, "t.spec:2: line contains a NUL byte");
	entry_list_free(&l);
}

static void test_spec_load_missing_file(void **state)
{
	struct entry_list l = { 0 };
	struct error_record err;

	(void)state;
	error_init(&err);
	assert_int_equal(spec_load("/nonexistent/initramfs.spec", &l, &err), -ENOENT);
	assert_int_equal(err.count, 1);
	assert_int_equal(err.system, false);
	assert_string_equal(err.msg[0].text, "cannot open spec file /nonexistent/initramfs.spec: "
					     "No such file or directory");
}

/* A spec file over the size limit is refused as a whole, before any line is parsed. */
static void test_spec_load_too_large(void **state)
{
	char path[] = "/tmp/test_mkinitramfs_spec.XXXXXX", want[256];
	static const char line[] = "# a comment line, repeated until the file is too large\n";
	struct entry_list l = { 0 };
	struct error_record err;
	size_t total = 0;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	while (total <= (16u << 20)) {
		assert_int_equal(write(fd, line, sizeof(line) - 1), (ssize_t)sizeof(line) - 1);
		total += sizeof(line) - 1;
	}
	close(fd);
	error_init(&err);
	assert_int_equal(spec_load(path, &l, &err), -EFBIG);
	assert_int_equal(err.count, 1);
	assert_int_equal(err.system, false);
	snprintf(want, sizeof(want),
		 "cannot read spec file %s: larger than the limit of 16777216 bytes", path);
	assert_string_equal(err.msg[0].text, want);
	assert_int_equal(l.n, 0);
	unlink(path);
}

/* A line over the line length limit is reported with its number; the others still count. */
static void test_spec_load_long_line(void **state)
{
	char path[] = "/tmp/test_mkinitramfs_spec.XXXXXX", want[256];
	struct entry_list l = { 0 };
	struct error_record err;
	char *text = malloc(40000);
	int fd = mkstemp(path);
	int n;

	(void)state;
	assert_non_null(text);
	assert_true(fd >= 0);
	n = sprintf(text, "dir /a 0755 0 0\n# ");
	memset(text + n, 'x', 16384);
	n += 16384;
	n += sprintf(text + n, "\ndir /b 0755 0 0\n# ");
	memset(text + n, 'x', 16382); /* exactly at the limit */
	n += 16382;
	text[n++] = '\n';
	assert_int_equal(write(fd, text, n), n);
	close(fd);
	error_init(&err);
	assert_int_equal(spec_load(path, &l, &err), -EINVAL);
	assert_int_equal(err.count, 1);
	snprintf(want, sizeof(want), "%s:2: line longer than 16384 bytes", path);
	assert_string_equal(err.msg[0].text, want);
	assert_int_equal(err.msg[0].line, 2);
	assert_int_equal(l.n, 2);
	entry_list_free(&l);
	free(text);
	unlink(path);
}

/* A directory as the spec file: refused with what it is. */
static void test_spec_load_directory(void **state)
{
	struct entry_list l = { 0 };
	struct error_record err;

	(void)state;
	error_init(&err);
	assert_int_equal(spec_load("/tmp", &l, &err), -EINVAL);
	assert_int_equal(err.count, 1);
	assert_int_equal(err.system, false);
	assert_string_equal(err.msg[0].text,
			    "cannot read spec file /tmp: not a regular file (directory)");
}

/* A tree with dev/ and init; the spec adds entries beside them. */
static void merge(struct scratch *s, const char *spec, struct entry_list *l,
		  struct error_record *err)
{
	assert_int_equal(mkdir(scratch_path(s, "dev"), 0755), 0);
	assert_int_equal(scratch_put(s, "init", "#!/bin/sh\n", 0644), 0);
	assert_int_equal(parse(spec, l, err), 0);
	assert_int_equal(tree_collect(s->dir, l, err), 0);
}

static void test_spec_duplicate_of_tree_entry(void **state)
{
	struct scratch *s = *state;
	struct entry_list l = { 0 };
	struct error_record err;
	char want[PATH_MAX + 64];

	merge(s, "nod /dev/console 0600 0 0 c 5 1\n\nslink /init /bin/sh 0777 0 0\n", &l, &err);
	assert_int_equal(entry_list_finish(&l, &err), -EINVAL);
	assert_int_equal(err.count, 1);
	snprintf(want, sizeof(want), "t.spec:3: duplicate path init: also in the tree as %s/init",
		 s->dir);
	assert_string_equal(err.msg[0].text, want);
	assert_int_equal(err.msg[0].line, 3);
	entry_list_free(&l);
}

static void test_spec_duplicate_within_spec(void **state)
{
	struct entry_list l = { 0 };
	struct error_record err;

	(void)state;
	assert_int_equal(parse("dir /etc 0755 0 0\ndir etc/ssl 0755 0 0\n# again\n"
			       "slink ./etc/ssl x 0777 0 0\ndir etc 0700 0 0\n",
			       &l, &err),
			 0);
	assert_int_equal(entry_list_finish(&l, &err), -EINVAL);
	assert_int_equal(err.count, 2);
	assert_string_equal(err.msg[0].text, "t.spec:5: duplicate path etc: already at t.spec:1");
	assert_string_equal(err.msg[1].text,
			    "t.spec:4: duplicate path etc/ssl: already at t.spec:2");
	entry_list_free(&l);
}

static void test_spec_parent_must_be_directory(void **state)
{
	struct entry_list l = { 0 };
	struct error_record err;

	merge(*state,
	      "nod /dev/console 0600 0 0 c 5 1\n"
	      "nod /init/x 0600 0 0 c 1 3\n"
	      "slink /usr/bin/sh busybox 0777 0 0\n",
	      &l, &err);
	assert_int_equal(entry_list_finish(&l, &err), -EINVAL);
	assert_int_equal(err.count, 2);
	assert_string_equal(err.msg[0].text,
			    "t.spec:2: init/x: parent init is not a directory in the archive");
	assert_string_equal(
	    err.msg[1].text,
	    "t.spec:3: usr/bin/sh: parent usr/bin is not a directory in the archive");
	entry_list_free(&l);
}

/* The brief's use case: a non-root build adds /dev/console beside the tree's dev/. */
static void test_spec_merges_into_sorted_tree(void **state)
{
	struct entry_list l = { 0 };
	struct error_record err;

	merge(*state, "dir /etc 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\n", &l, &err);
	assert_int_equal(entry_list_finish(&l, &err), 0);
	assert_int_equal(err.count, 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].name, "dev");
	assert_string_equal(l.v[1].name, "dev/console");
	assert_int_equal(l.v[1].line, 2);
	assert_string_equal(l.v[2].name, "etc");
	assert_string_equal(l.v[3].name, "init");
	assert_int_equal(l.v[3].line, 0);
	entry_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_spec_good_lines, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(test_spec_bad_lines_each_reported),
		cmocka_unit_test(test_spec_bad_line_messages),
		cmocka_unit_test(test_spec_nonzero_owner_refused),
		cmocka_unit_test(test_spec_nul_byte_refused),
		cmocka_unit_test(test_spec_load_missing_file),
		cmocka_unit_test(test_spec_load_too_large),
		cmocka_unit_test(test_spec_load_long_line),
		cmocka_unit_test(test_spec_load_directory),
		cmocka_unit_test_setup_teardown(test_spec_duplicate_of_tree_entry, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(test_spec_duplicate_within_spec),
		cmocka_unit_test_setup_teardown(test_spec_parent_must_be_directory, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_spec_merges_into_sorted_tree, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
