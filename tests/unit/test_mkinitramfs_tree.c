/* Unit tests for rosetta-mkinitramfs tree walking and archive writing: entry order with
 * parents first, byte-identical output whatever the creation (readdir) order, the fixed
 * header fields, symlink data, refused sockets and files over 4 GiB, read and write errors,
 * and that GNU cpio reads the result. */
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "tools/rosetta-mkinitramfs/archive.h"
#include "tools/rosetta-mkinitramfs/cpio.h"
#include "tools/rosetta-mkinitramfs/entry.h"
#include "lib/error.h"
#include "tools/rosetta-mkinitramfs/spec.h"
#include "tools/rosetta-mkinitramfs/tree.h"
#include "lib/array_size.h"
#include "tests/unit/scratch.h"

#define MTIME 1700000000u

struct membuf {
	unsigned char *p;
	size_t len;
	size_t cap;
	int fail;
};

static int mem_write(void *ctx, const void *buf, size_t len)
{
	struct membuf *m = ctx;

	if (m->fail)
		return -m->fail;
	if (m->len + len > m->cap) {
		m->cap = (m->len + len) * 2;
		m->p = realloc(m->p, m->cap);
		assert_non_null(m->p);
	}
	memcpy(m->p + m->len, buf, len);
	m->len += len;
	return 0;
}

/* --- trees in scratch directories --- */

static void put(struct scratch *s, const char *rel, const char *data, mode_t mode)
{
	assert_int_equal(scratch_put(s, rel, data, mode), 0);
}

static void mkd(struct scratch *s, const char *rel)
{
	assert_int_equal(mkdir(scratch_path(s, rel), 0700), 0);
	assert_int_equal(chmod(scratch_path(s, rel), 0755), 0);
}

static void reverse(struct entry_list *l)
{
	for (size_t i = 0; i < l->n / 2; i++) {
		struct entry t = l->v[i];

		l->v[i] = l->v[l->n - 1 - i];
		l->v[l->n - 1 - i] = t;
	}
}

/* Collects, checks and writes dir into a memory buffer; asserts success. With flip, the
 * collected entries are reversed first, as another readdir order would give. */
static void archive_flipped(const char *dir, const char *spec, struct membuf *m, int flip)
{
	struct cpio_out o = { .write = mem_write, .ctx = m };
	struct entry_list l = { 0 };
	struct error_record err;

	error_init(&err);
	assert_int_equal(tree_collect(dir, &l, &err), 0);
	if (spec)
		assert_int_equal(spec_parse_text(spec, strlen(spec), "t.spec", &l, &err), 0);
	if (flip)
		reverse(&l);
	assert_int_equal(entry_list_finish(&l, &err), 0);
	assert_int_equal(archive_write(&l, MTIME, &o, "mem", &err), 0);
	assert_int_equal(err.count, 0);
	entry_list_free(&l);
}

static void archive_dir(const char *dir, const char *spec, struct membuf *m)
{
	archive_flipped(dir, spec, m, 0);
}

/* --- a newc reader, independent of the writer, to check what was written --- */

struct rec {
	unsigned long f[13]; /* ino mode uid gid nlink mtime filesize dmaj dmin rmaj rmin nsz chk */
	const char *name;
	const unsigned char *data;
};

static size_t up4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Reads the record at *off and advances past it. */
static void read_rec(const struct membuf *m, size_t *off, struct rec *r)
{
	const unsigned char *h = m->p + *off;
	char digits[9] = { 0 };

	assert_true(*off + CPIO_HDR_LEN <= m->len);
	assert_memory_equal(h, "070701", 6);
	for (int i = 0; i < 13; i++) {
		memcpy(digits, h + 6 + (size_t)8 * i, 8);
		r->f[i] = strtoul(digits, NULL, 16);
	}
	r->name = (const char *)h + CPIO_HDR_LEN;
	assert_int_equal(strlen(r->name) + 1, r->f[11]);
	*off = up4(*off + CPIO_HDR_LEN + r->f[11]);
	r->data = m->p + *off;
	*off = up4(*off + r->f[6]);
	assert_true(*off <= m->len);
}

/* Returns the number of records before the trailer and checks the trailer and padding. */
static size_t read_all(const struct membuf *m, struct rec *recs, size_t max)
{
	size_t off = 0, n = 0;
	struct rec r;

	for (;;) {
		read_rec(m, &off, &r);
		if (strcmp(r.name, "TRAILER!!!") == 0)
			break;
		assert_true(n < max);
		recs[n++] = r;
	}
	assert_int_equal(m->len % 512, 0);
	assert_true(m->len - off < 512);
	for (; off < m->len; off++)
		assert_int_equal(m->p[off], 0);
	return n;
}

/* --- tests --- */

static void test_sort_order_parents_first(void **state)
{
	static const char *const sorted[] = { "a",   "a/b", "a/b/c", "a/b-c", "a/c", "a-b",
					      "a.b", "a0",  "ab",    "b",     "b/a", "\xc3\xa9" };
	const size_t n = ARRAY_SIZE(sorted);
	struct entry_list l = { 0 };
	struct error_record err;

	(void)state;
	error_init(&err);
	/* Reversed and interleaved, so that input order cannot produce the result. */
	for (size_t k = 0; k < n; k++) {
		size_t i = (k * 5 + 3) % n;
		struct entry e = { .mode = S_IFDIR | 0755, .origin = "t", .line = k + 1 };

		e.name = strdup(sorted[n - 1 - i]);
		assert_int_equal(entry_list_add(&l, &e), 0);
	}
	assert_int_equal(entry_list_finish(&l, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l.v[i].name, sorted[i]);
	for (size_t i = 0; i + 1 < n; i++) {
		assert_true(entry_path_cmp(sorted[i], sorted[i + 1]) < 0);
		assert_true(entry_path_cmp(sorted[i + 1], sorted[i]) > 0);
	}
	assert_int_equal(entry_path_cmp("a/b", "a/b"), 0);
	entry_list_free(&l);
}

/* The same tree, made in one order or (backwards) another, parents always first. */
static void build_tree(struct scratch *dir, int backwards)
{
	static const char *const dirs[2][6] = {
		{ "x86", "x86/bin", "lib", "lib/modules", "a-b", "a" },
		{ "a", "a-b", "lib", "lib/modules", "x86", "x86/bin" },
	};
	static const char *const files[] = { "x86/bin/busybox", "init", "lib/modules/m.ko", "a/z",
					     "a-b/y",		"a.b" };
	const size_t nf = ARRAY_SIZE(files);

	for (size_t k = 0; k < 6; k++)
		mkd(dir, dirs[backwards][k]);
	for (size_t k = 0; k < nf; k++) {
		const char *f = files[backwards ? nf - 1 - k : k];

		put(dir, f, f, strcmp(f, "init") == 0 ? 04755 : 0644);
	}
	assert_int_equal(symlink("busybox", scratch_path(dir, "x86/bin/sh")), 0);
	assert_int_equal(mkfifo(scratch_path(dir, "a/fifo"), 0600), 0);
}

static void test_output_independent_of_creation_order(void **state)
{
	struct scratch d1, d2;
	struct membuf m1 = { 0 }, m2 = { 0 }, m3 = { 0 };

	(void)state;
	assert_int_equal(scratch_make(&d1), 0);
	assert_int_equal(scratch_make(&d2), 0);
	build_tree(&d1, 0);
	build_tree(&d2, 1);
	archive_dir(d1.dir, NULL, &m1);
	archive_dir(d2.dir, NULL, &m2);
	/* Some filesystems return names in hash order whatever the creation order, so also
	 * feed the same tree's entries in reverse. */
	archive_flipped(d1.dir, NULL, &m3, 1);
	assert_true(m1.len > 512);
	assert_int_equal(m1.len, m2.len);
	assert_memory_equal(m1.p, m2.p, m1.len);
	assert_int_equal(m1.len, m3.len);
	assert_memory_equal(m1.p, m3.p, m1.len);
	free(m1.p);
	free(m2.p);
	free(m3.p);
	assert_int_equal(scratch_remove(&d1), 0);
	assert_int_equal(scratch_remove(&d2), 0);
}

static void test_header_fields_of_tree(void **state)
{
	static const char *const order[] = { "a",
					     "a/fifo",
					     "a/z",
					     "a-b",
					     "a-b/y",
					     "a.b",
					     "init",
					     "lib",
					     "lib/modules",
					     "lib/modules/m.ko",
					     "x86",
					     "x86/bin",
					     "x86/bin/busybox",
					     "x86/bin/sh" };
	struct scratch *d = *state;
	struct membuf m = { 0 };
	struct rec r[32] = { 0 };
	size_t n;

	build_tree(d, 0);
	archive_dir(d->dir, NULL, &m);
	n = read_all(&m, r, 32);
	assert_int_equal(n, ARRAY_SIZE(order));
	for (size_t i = 0; i < n; i++) {
		unsigned long mode = r[i].f[1];

		assert_string_equal(r[i].name, order[i]);
		assert_int_equal(r[i].f[0], i + 1); /* ino */
		assert_int_equal(r[i].f[2], 0);	    /* uid */
		assert_int_equal(r[i].f[3], 0);	    /* gid */
		assert_int_equal(r[i].f[4], S_ISDIR(mode) ? 2 : 1);
		assert_int_equal(r[i].f[5], MTIME);
		for (int k = 7; k <= 10; k++)
			assert_int_equal(r[i].f[k], 0); /* dev, rdev */
		assert_int_equal(r[i].f[12], 0);
		if (S_ISREG(mode)) {
			assert_int_equal(r[i].f[6], strlen(r[i].name));
			assert_memory_equal(r[i].data, r[i].name, r[i].f[6]);
		}
	}
	assert_int_equal(r[0].f[1], S_IFDIR | 0755);
	assert_int_equal(r[1].f[1], S_IFIFO | 0600);
	assert_int_equal(r[1].f[6], 0);
	assert_int_equal(r[6].f[1], S_IFREG | 04755);
	assert_int_equal(r[9].f[1], S_IFREG | 0644);
	free(m.p);
}

static void test_symlink_data(void **state)
{
	struct scratch *d = *state;
	struct membuf m = { 0 };
	struct rec r[4] = { 0 };

	assert_int_equal(symlink("../lib/ld-linux-x86-64.so.2", scratch_path(d, "ld")), 0);
	assert_int_equal(symlink("abc", scratch_path(d, "odd")), 0);
	archive_dir(d->dir, "slink /spec target-from-spec 0777 0 0\n", &m);
	assert_int_equal(read_all(&m, r, 4), 3);
	assert_string_equal(r[0].name, "ld");
	assert_int_equal(r[0].f[1], S_IFLNK | 0777);
	assert_int_equal(r[0].f[6], strlen("../lib/ld-linux-x86-64.so.2"));
	assert_memory_equal(r[0].data, "../lib/ld-linux-x86-64.so.2", r[0].f[6]);
	assert_string_equal(r[1].name, "odd");
	assert_int_equal(r[1].f[6], 3);
	assert_memory_equal(r[1].data, "abc\0", 4); /* padded with a zero to 4 */
	assert_string_equal(r[2].name, "spec");
	assert_int_equal(r[2].f[6], strlen("target-from-spec"));
	assert_memory_equal(r[2].data, "target-from-spec", r[2].f[6]);
	free(m.p);
}

static void test_spec_device_node_fields(void **state)
{
	struct scratch *d = *state;
	struct membuf m = { 0 };
	struct rec r[4] = { 0 };

	archive_dir(d->dir,
		    "dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\n"
		    "nod /dev/vda 0660 0 0 b 254 4095\n",
		    &m);
	assert_int_equal(read_all(&m, r, 4), 3);
	assert_string_equal(r[1].name, "dev/console");
	assert_int_equal(r[1].f[1], S_IFCHR | 0600);
	assert_int_equal(r[1].f[9], 5);
	assert_int_equal(r[1].f[10], 1);
	assert_int_equal(r[1].f[6], 0);
	assert_string_equal(r[2].name, "dev/vda");
	assert_int_equal(r[2].f[1], S_IFBLK | 0660);
	assert_int_equal(r[2].f[9], 254);
	assert_int_equal(r[2].f[10], 4095);
	free(m.p);
}

static void test_socket_refused(void **state)
{
	struct scratch *d = *state;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct entry_list l = { 0 };
	struct error_record err;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	const char *sock = scratch_path(d, "run/sock");

	mkd(d, "run");
	assert_true(s >= 0);
	assert_true(strlen(sock) < sizeof(sa.sun_path));
	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(s);
	error_init(&err);
	assert_int_equal(tree_collect(d->dir, &l, &err), -EINVAL);
	assert_int_equal(err.count, 1);
	assert_int_equal(err.system, false);
	assert_string_equal(err.msg[0].text, "run/sock is a socket: sockets cannot be archived");
	entry_list_free(&l);
}

/* Sparse files: the limit is 4 GiB - 1 bytes, the largest size 8 hex digits hold. */
static void make_sparse(const char *path, off_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	if (ftruncate(fd, size) < 0)
		fail_msg("cannot make a sparse file of %lld bytes at %s: %s", (long long)size, path,
			 strerror(errno));
	close(fd);
}

static void test_file_over_4gib_refused(void **state)
{
	struct scratch *d = *state;
	char want[PATH_MAX + 128];
	struct entry_list l = { 0 };
	struct error_record err;

	mkd(d, "big");
	make_sparse(scratch_path(d, "big/max"), 0xffffffffLL);
	error_init(&err);
	assert_int_equal(tree_collect(d->dir, &l, &err), 0);
	entry_list_free(&l);

	make_sparse(scratch_path(d, "big/over"), 0x100000000LL);
	assert_int_equal(tree_collect(d->dir, &l, &err), -EINVAL);
	assert_int_equal(err.count, 1);
	assert_string_equal(err.msg[0].text, "big/over is too large for a newc archive "
					     "(4294967296 bytes, limit 4294967295)");
	entry_list_free(&l);

	snprintf(want, sizeof(want), "file /x %s 0644 0 0\n", scratch_path(d, "big/over"));
	error_init(&err);
	assert_int_equal(spec_parse_text(want, strlen(want), "t.spec", &l, &err), -EINVAL);
	snprintf(want, sizeof(want),
		 "t.spec:1: %s is too large for a newc archive (limit 4294967295 bytes)",
		 scratch_path(d, "big/over"));
	assert_string_equal(err.msg[0].text, want);
	entry_list_free(&l);
}

static int write_collected(struct scratch *d, struct membuf *m, struct error_record *err,
			   void (*change)(struct scratch *))
{
	struct cpio_out o = { .write = mem_write, .ctx = m };
	struct entry_list l = { 0 };
	int r;

	error_init(err);
	assert_int_equal(tree_collect(d->dir, &l, err), 0);
	assert_int_equal(entry_list_finish(&l, err), 0);
	if (change)
		change(d);
	r = archive_write(&l, MTIME, &o, "out.cpio", err);
	entry_list_free(&l);
	return r;
}

static void remove_file(struct scratch *d)
{
	assert_int_equal(unlink(scratch_path(d, "x86/bin/busybox")), 0);
}

static void grow_file(struct scratch *d)
{
	put(d, "init", "much longer than before", 0755);
}

static void test_read_errors_name_the_file(void **state)
{
	struct scratch *d = *state;
	struct membuf m = { 0 };
	struct error_record err;

	mkd(d, "x86");
	mkd(d, "x86/bin");
	put(d, "x86/bin/busybox", "elf", 0755);
	put(d, "init", "short", 0755);
	assert_int_equal(write_collected(d, &m, &err, remove_file), -ENOENT);
	assert_int_equal(err.system, false);
	assert_string_equal(err.msg[0].text,
			    "cannot read x86/bin/busybox: No such file or directory");
	put(d, "x86/bin/busybox", "elf", 0755);
	assert_int_equal(write_collected(d, &m, &err, grow_file), -EINVAL);
	assert_string_equal(err.msg[0].text, "cannot read init: file grew while being archived");
	free(m.p);
}

static void test_write_error_reported(void **state)
{
	struct scratch *d = *state;
	struct membuf m = { .fail = ENOSPC };
	struct error_record err;

	put(d, "init", "x", 0755);
	assert_int_equal(write_collected(d, &m, &err, NULL), -ENOSPC);
	assert_int_equal(err.system, true);
	assert_string_equal(err.msg[0].text, "cannot write out.cpio: No space left on device");
}

static void test_root_must_be_directory(void **state)
{
	struct scratch *d = *state;
	char want[PATH_MAX + 64];
	struct entry_list l = { 0 };
	struct error_record err;

	put(d, "file", "x", 0644);
	error_init(&err);
	assert_int_equal(tree_collect(scratch_path(d, "file"), &l, &err), -ENOTDIR);
	snprintf(want, sizeof(want), "cannot archive %s/file: Not a directory", d->dir);
	assert_string_equal(err.msg[0].text, want);
	error_init(&err);
	assert_int_equal(tree_collect(scratch_path(d, "missing"), &l, &err), -ENOENT);
	snprintf(want, sizeof(want), "cannot stat %s/missing: No such file or directory", d->dir);
	assert_string_equal(err.msg[0].text, want);
	assert_int_equal(l.n, 0);
}

/* Runs cmd (through the shell: test code only) and returns its standard output. */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char *out = calloc(1, 65536);
	size_t n;

	assert_non_null(p);
	assert_non_null(out);
	n = fread(out, 1, 65535, p);
	out[n] = '\0';
	if (pclose(p) != 0)
		fail_msg("'%s' failed; is GNU cpio installed? output: %s", cmd, out);
	return out;
}

static void test_gnu_cpio_reads_archive(void **state)
{
	struct scratch d, x;
	char cmd[PATH_MAX + 256], *out, target[64];
	struct membuf m = { 0 };
	struct stat st;

	(void)state;
	assert_int_equal(scratch_make(&d), 0);
	assert_int_equal(scratch_make(&x), 0);
	build_tree(&d, 1);
	archive_dir(d.dir, "dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\n", &m);
	assert_int_equal(scratch_write(&x, "a.cpio", m.p, m.len, 0644), 0);
	snprintf(cmd, sizeof(cmd), "cpio -it --quiet < '%s'", scratch_path(&x, "a.cpio"));
	out = run(cmd);
	assert_string_equal(out, "a\na/fifo\na/z\na-b\na-b/y\na.b\ndev\ndev/console\ninit\nlib\n"
				 "lib/modules\nlib/modules/m.ko\nx86\nx86/bin\nx86/bin/busybox\n"
				 "x86/bin/sh\n");
	free(out);
	/* Extract the parts that need no privileges and compare them with the tree. */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && mkdir root && cd root && cpio -idm --quiet --no-absolute-filenames "
		 "'x86/*' 'init' 'a.b' < ../a.cpio && cat x86/bin/busybox init a.b",
		 x.dir);
	out = run(cmd);
	assert_string_equal(out, "x86/bin/busyboxinita.b");
	free(out);
	assert_int_equal(lstat(scratch_path(&x, "root/x86/bin/sh"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(readlink(scratch_path(&x, "root/x86/bin/sh"), target, sizeof(target)), 7);
	assert_memory_equal(target, "busybox", 7);
	assert_int_equal(stat(scratch_path(&x, "root/init"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 04755);
	assert_int_equal(st.st_mtime, MTIME);
	free(m.p);
	assert_int_equal(scratch_remove(&d), 0);
	assert_int_equal(scratch_remove(&x), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_order_parents_first),
		cmocka_unit_test(test_output_independent_of_creation_order),
		cmocka_unit_test_setup_teardown(test_header_fields_of_tree, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_symlink_data, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_spec_device_node_fields, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_socket_refused, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_file_over_4gib_refused, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_read_errors_name_the_file, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_write_error_reported, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_root_must_be_directory, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(test_gnu_cpio_reads_archive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
