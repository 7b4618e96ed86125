/* The layer applier's rules on honest layers: each type of entry made with
 * its owner, mode, attributes and times, existing entries replaced or kept,
 * devices and owners when the process may not make them, directories' times
 * set last, gzip and zstd layers, whiteouts and opaque directories with the
 * OCI same-layer rule, and the counts. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "lib/array_size.h"
#include "tests/unit/mkroot_layer_tar.h"
#include "tools/rosetta-mkroot/layer.h"

#include <cmocka.h>

static struct stat lstat_in(struct layer_fixture *f, const char *rel)
{
	struct stat st;

	assert_int_equal(lstat(in_tree(f, rel), &st), 0);
	return st;
}

static void files_dirs_and_links(void **state)
{
	struct layer_fixture *f = *state;
	char buf[64], target[64] = "";
	struct stat st, st2;

	assert_int_equal(APPLY(f, { .name = "./etc/", .type = AE_IFDIR, .mode = 0750 },
			       { .name = "etc/passwd", .data = "root:x:0:0\n", .mode = 0640 },
			       { .name = "usr/bin/tool", .data = "#!x", .mode = 0755 },
			       { .name = "etc/alias", .link = "etc/passwd" },
			       { .name = "bin", .type = AE_IFLNK, .data = "/usr/bin" },
			       { .name = "dangling", .type = AE_IFLNK, .data = "../../nowhere" },
			       { .name = "fifo", .type = AE_IFIFO, .mode = 0600 }),
			 0);
	assert_string_equal(tree_text(f, "etc/passwd", buf, sizeof(buf)), "root:x:0:0\n");
	st = lstat_in(f, "etc/passwd");
	assert_int_equal(st.st_mode, S_IFREG | 0640);
	assert_int_equal(st.st_mtim.tv_sec, 1000000);
	st2 = lstat_in(f, "etc/alias");
	assert_int_equal(st.st_ino, st2.st_ino);
	assert_int_equal(st2.st_nlink, 2);
	/* Implied directories are made 0755 whatever the umask. */
	assert_int_equal(lstat_in(f, "usr/bin").st_mode, S_IFDIR | 0755);
	assert_int_equal(lstat_in(f, "usr/bin/tool").st_mode, S_IFREG | 0755);
	assert_int_equal(readlink(in_tree(f, "bin"), target, sizeof(target) - 1), 8);
	assert_string_equal(target, "/usr/bin");
	assert_int_equal(lstat_in(f, "dangling").st_mtim.tv_sec, 1000000);
	assert_true(S_ISFIFO(lstat_in(f, "fifo").st_mode));
	assert_int_equal(f->st.files, 2);
	assert_int_equal(f->st.dirs, 1);
	assert_int_equal(f->st.symlinks, 2);
	assert_int_equal(f->st.hardlinks, 1);
	assert_int_equal(f->st.fifos, 1);
	assert_int_equal(f->e.count, 0);
}

static void owners_and_set_id_bits(void **state)
{
	struct layer_fixture *f = *state;
	static const struct layer_opts rootless = { 0 };
	const struct tar_member m[] = {
		{ .name = "suid", .data = "x", .mode = 04755, .uid = 1000, .gid = 1001 },
		{ .name = "sgid", .data = "x", .mode = 02755, .uid = 0, .gid = 50 },
		{ .name = "tmp", .type = AE_IFDIR, .mode = 01777, .uid = 7, .gid = 7 },
		{ .name = "l", .type = AE_IFLNK, .data = "suid", .uid = 5, .gid = 6 },
	};
	struct stat st;

	assert_int_equal(apply_members(f, m, ARRAY_SIZE(m), NULL), 0);
	assert_int_equal(dir_times_apply(f->root_fd, &f->dt, &f->e), 0);
	st = lstat_in(f, "suid");
	assert_int_equal(st.st_uid, 1000);
	assert_int_equal(st.st_gid, 1001);
	assert_int_equal(st.st_mode, S_IFREG | 04755);
	assert_int_equal(lstat_in(f, "sgid").st_mode, S_IFREG | 02755);
	st = lstat_in(f, "tmp");
	assert_int_equal(st.st_mode, S_IFDIR | 01777);
	assert_int_equal(st.st_uid, 7);
	assert_int_equal(lstat_in(f, "l").st_uid, 5);
	assert_int_equal(f->st.owners_not_kept, 0);
	/* Not root: owners left, each entry that had another counted. */
	memset(&f->st, 0, sizeof(f->st));
	assert_int_equal(apply_members(f, m, ARRAY_SIZE(m), &rootless), 0);
	assert_int_equal(f->st.owners_not_kept, 4);
	assert_int_equal(lstat_in(f, "suid").st_uid, geteuid());
	/* An owner no tree can hold. */
	assert_int_equal(APPLY(f, { .name = "big", .data = "x", .uid = UINT32_MAX }), -EINVAL);
	assert_string_equal(f->e.msg[0].text,
			    LAYER_LABEL ": entry 'big': its owner 4294967295:0 is out of range");
}

static void devices_only_when_allowed(void **state)
{
	struct layer_fixture *f = *state;
	static const struct layer_opts no_devices = { .keep_owners = true };
	const struct tar_member m[] = {
		{ .name = "dev/null", .type = AE_IFCHR, .mode = 0666, .major = 1, .minor = 3 },
		{ .name = "dev/loop0", .type = AE_IFBLK, .mode = 0660, .major = 7, .minor = 0 },
	};
	struct stat st;

	assert_int_equal(apply_members(f, m, ARRAY_SIZE(m), &no_devices), 0);
	assert_int_equal(f->st.devices_skipped, 2);
	assert_true(tree_missing(f, "dev/null"));
	assert_int_equal(apply_members(f, m, ARRAY_SIZE(m), NULL), 0);
	st = lstat_in(f, "dev/null");
	assert_int_equal(st.st_mode, S_IFCHR | 0666);
	assert_int_equal(st.st_rdev, makedev(1, 3));
	assert_true(S_ISBLK(lstat_in(f, "dev/loop0").st_mode));
	assert_int_equal(f->st.devices, 2);
}

static void xattrs_kept_or_counted(void **state)
{
	struct layer_fixture *f = *state;
	char value[16] = "";

	assert_int_equal(
	    APPLY(f, { .name = "f", .data = "x", .xattr = "user.origin", .xattr_value = "layer" },
		  { .name = "d",
		    .type = AE_IFDIR,
		    .xattr = "trusted.overlay.opaque",
		    .xattr_value = "y" },
		  { .name = "l",
		    .type = AE_IFLNK,
		    .data = "f",
		    .xattr = "user.origin",
		    .xattr_value = "link" }),
	    0);
	assert_int_equal(getxattr(in_tree(f, "f"), "user.origin", value, sizeof(value)), 5);
	assert_memory_equal(value, "layer", 5);
	/* overlayfs's own attribute refused, a link's not written: counted. */
	assert_int_equal(getxattr(in_tree(f, "d"), "trusted.overlay.opaque", value, 1), -1);
	assert_int_equal(f->st.xattrs_not_kept, 2);
}

static void existing_entries_replaced(void **state)
{
	struct layer_fixture *f = *state;
	char buf[64];

	assert_int_equal(
	    APPLY(f, { .name = "d", .type = AE_IFDIR, .mode = 0700 },
		  { .name = "d/old", .data = "old" }, { .name = "file", .data = "lower" },
		  { .name = "alias", .link = "file" }, { .name = "dir2file", .type = AE_IFDIR },
		  { .name = "dir2file/child", .data = "c" },
		  { .name = "link2dir", .type = AE_IFLNK, .data = "d" }),
	    0);
	/* An existing directory is kept with its contents and gets the new
	 * mode; a file written over a hard link leaves the other name alone;
	 * a directory becomes a file, a link a directory. */
	assert_int_equal(APPLY(f, { .name = "d", .type = AE_IFDIR, .mode = 0711 },
			       { .name = "alias", .data = "upper" },
			       { .name = "dir2file", .data = "now a file" },
			       { .name = "link2dir", .type = AE_IFDIR }),
			 0);
	assert_int_equal(dir_times_apply(f->root_fd, &f->dt, &f->e), 0);
	assert_int_equal(lstat_in(f, "d").st_mode, S_IFDIR | 0711);
	assert_string_equal(tree_text(f, "d/old", buf, sizeof(buf)), "old");
	assert_string_equal(tree_text(f, "file", buf, sizeof(buf)), "lower");
	assert_string_equal(tree_text(f, "alias", buf, sizeof(buf)), "upper");
	assert_string_equal(tree_text(f, "dir2file", buf, sizeof(buf)), "now a file");
	assert_true(S_ISDIR(lstat_in(f, "link2dir").st_mode));
	assert_true(tree_missing(f, "link2dir/old"));
}

static void dir_times_set_last(void **state)
{
	struct layer_fixture *f = *state;

	assert_int_equal(
	    APPLY(f, { .name = "a", .type = AE_IFDIR, .mtime = 111 },
		  { .name = "a/ro", .type = AE_IFDIR, .mode = 0555, .mtime = 222 },
		  { .name = "a/ro/shut", .type = AE_IFDIR, .mode = TAR_MODE_NONE, .mtime = 333 },
		  { .name = "a/ro/shut/inner", .type = AE_IFDIR, .mtime = 444 }),
	    0);
	/* Until then read-only directories stay writable: a second layer. */
	assert_int_equal(lstat_in(f, "a/ro").st_mode & 0700, 0700);
	assert_int_equal(APPLY(f, { .name = "a/ro/new", .data = "n" },
			       { .name = "a/ro/shut/inner/deep", .data = "d" }),
			 0);
	assert_int_equal(dir_times_apply(f->root_fd, &f->dt, &f->e), 0);
	assert_int_equal(lstat_in(f, "a").st_mtim.tv_sec, 111);
	assert_int_equal(lstat_in(f, "a/ro").st_mtim.tv_sec, 222);
	assert_int_equal(lstat_in(f, "a/ro").st_mode, S_IFDIR | 0555);
	assert_int_equal(lstat_in(f, "a/ro/shut").st_mode, S_IFDIR);
	assert_int_equal(lstat_in(f, "a/ro/shut").st_mtim.tv_sec, 333);
	assert_int_equal(lstat_in(f, "a/ro/shut/inner").st_mtim.tv_sec, 444);
	/* A later layer's directory of the same name wins; one replaced by a
	 * file is passed over. */
	dir_times_free(&f->dt);
	assert_int_equal(APPLY(f, { .name = "x", .type = AE_IFDIR, .mtime = 5 },
			       { .name = "y", .type = AE_IFDIR, .mtime = 5 }),
			 0);
	assert_int_equal(APPLY(f, { .name = "x", .type = AE_IFDIR, .mtime = 6 },
			       { .name = "y", .data = "file", .mtime = 7 }),
			 0);
	assert_int_equal(dir_times_apply(f->root_fd, &f->dt, &f->e), 0);
	assert_int_equal(lstat_in(f, "x").st_mtim.tv_sec, 6);
	assert_int_equal(lstat_in(f, "y").st_mtim.tv_sec, 7);
	assert_int_equal(lstat_in(f, "y").st_mode, S_IFREG | 0644);
}

static void compressed_layers(void **state)
{
	struct layer_fixture *f = *state;
	const struct tar_member gz[] = { { .name = "gz", .data = "gzip" } };
	const struct tar_member zst[] = { { .name = "zst", .data = "zstd" } };
	char buf[16];

	assert_int_equal(apply_filtered(f, TAR_GZIP, gz, 1, NULL), 0);
	assert_int_equal(apply_filtered(f, TAR_ZSTD, zst, 1, NULL), 0);
	assert_string_equal(tree_text(f, "gz", buf, sizeof(buf)), "gzip");
	assert_string_equal(tree_text(f, "zst", buf, sizeof(buf)), "zstd");
}

static void not_a_layer(void **state)
{
	struct layer_fixture *f = *state;
	static const struct layer_opts opts = { 0 };
	int fd = memfd_create("junk", MFD_CLOEXEC);

	assert_int_equal(write(fd, "this is no tar at all, not even close", 37), 37);
	assert_int_equal(layer_apply(f->root_fd, fd, LAYER_LABEL, &opts, &f->dt, &f->st, &f->e),
			 -EINVAL);
	assert_false(f->e.system);
	assert_non_null(strstr(f->e.msg[0].text, LAYER_LABEL ": not a valid layer: "));
	close(fd);
	assert_outside_untouched(f);
}

static void whiteouts(void **state)
{
	struct layer_fixture *f = *state;

	assert_int_equal(APPLY(f, { .name = "gone", .data = "x" },
			       { .name = "tree/a/b", .data = "x" }, { .name = "keep", .data = "x" },
			       { .name = "link", .type = AE_IFLNK, .data = "keep" }),
			 0);
	assert_int_equal(APPLY(f, { .name = ".wh.gone" }, { .name = "./.wh.tree" },
			       { .name = ".wh.link" }, { .name = "nowhere/.wh.x" },
			       { .name = "sub/.wh..wh.plnk" }),
			 0);
	assert_true(tree_missing(f, "gone"));
	assert_true(tree_missing(f, "tree"));
	assert_true(tree_missing(f, "link"));
	assert_false(tree_missing(f, "keep"));
	/* No whiteout file is written, nor the directory of a hidden name. */
	assert_true(tree_missing(f, ".wh.gone"));
	assert_true(tree_missing(f, "nowhere"));
	assert_true(tree_missing(f, "sub/.wh..wh.plnk"));
	assert_int_equal(f->st.whiteouts, 4);
}

static void opaque_keeps_its_own_layer(void **state)
{
	struct layer_fixture *f = *state;
	char buf[16];

	assert_int_equal(
	    APPLY(f, { .name = "d/old", .data = "x" }, { .name = "d/sub/old", .data = "x" },
		  { .name = "d/before", .data = "lower" }, { .name = "d/after", .data = "lower" },
		  { .name = "other/x", .data = "x" }),
	    0);
	/* Entries of the opaque directory's own layer stay, before or after
	 * the marker in the tar; so does a directory above one of them, without
	 * the lower layer's entries below it. */
	assert_int_equal(APPLY(f, { .name = "d/before", .data = "upper" },
			       { .name = "d/.wh..wh..opq" }, { .name = "d/after", .data = "upper" },
			       { .name = "d/sub/new", .data = "n" }),
			 0);
	assert_string_equal(tree_text(f, "d/before", buf, sizeof(buf)), "upper");
	assert_string_equal(tree_text(f, "d/after", buf, sizeof(buf)), "upper");
	assert_false(tree_missing(f, "d/sub/new"));
	assert_true(tree_missing(f, "d/sub/old"));
	assert_true(tree_missing(f, "d/old"));
	assert_true(tree_missing(f, "d/.wh..wh..opq"));
	assert_false(tree_missing(f, "other/x"));
	/* A whiteout of what its own layer writes hides only the lower. */
	assert_int_equal(APPLY(f, { .name = "other/new", .data = "n" }, { .name = ".wh.other" }),
			 0);
	assert_false(tree_missing(f, "other/new"));
	assert_true(tree_missing(f, "other/x"));
	/* The root opaque: all but the layer's own. */
	assert_int_equal(APPLY(f, { .name = ".wh..wh..opq" }, { .name = "only", .data = "o" }), 0);
	assert_true(tree_missing(f, "d"));
	assert_false(tree_missing(f, "only"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, layer_fixture_setup, layer_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(files_dirs_and_links),
		T(owners_and_set_id_bits),
		T(devices_only_when_allowed),
		T(xattrs_kept_or_counted),
		T(existing_entries_replaced),
		T(dir_times_set_last),
		T(compressed_layers),
		T(not_a_layer),
		T(whiteouts),
		T(opaque_keeps_its_own_layer),
	};

	umask(077);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
