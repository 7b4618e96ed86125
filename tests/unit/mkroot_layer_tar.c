/* Tars and scratch roots for the layer applier's tests; see
 * mkroot_layer_tar.h. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/mkroot_layer_tar.h"

#include <cmocka.h>

static void add_member(struct archive *a, const struct tar_member *m)
{
	struct archive_entry *ae = archive_entry_new();
	unsigned int type = m->type ? m->type : AE_IFREG;
	size_t len = m->data && type == AE_IFREG ? strlen(m->data) : 0;

	assert_non_null(ae);
	archive_entry_set_pathname(ae, m->name);
	archive_entry_set_filetype(ae, type);
	archive_entry_set_perm(ae, m->mode ? m->mode & 07777 : type == AE_IFDIR ? 0755 : 0644);
	archive_entry_set_uid(ae, m->uid);
	archive_entry_set_gid(ae, m->gid);
	archive_entry_set_mtime(ae, m->mtime ? m->mtime : 1000000, 0);
	if (type == AE_IFLNK)
		archive_entry_set_symlink(ae, m->data);
	if (m->link)
		archive_entry_set_hardlink(ae, m->link);
	if (type == AE_IFCHR || type == AE_IFBLK) {
		archive_entry_set_rdevmajor(ae, m->major);
		archive_entry_set_rdevminor(ae, m->minor);
	}
	if (m->xattr)
		archive_entry_xattr_add_entry(ae, m->xattr, m->xattr_value, strlen(m->xattr_value));
	archive_entry_set_size(ae, (la_int64_t)len);
	assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
	if (len)
		assert_int_equal(archive_write_data(a, m->data, len), (la_ssize_t)len);
	archive_entry_free(ae);
}

int tar_layer(enum tar_filter filter, const struct tar_member *m, size_t n)
{
	struct archive *a = archive_write_new();
	int fd = memfd_create("layer", MFD_CLOEXEC);

	assert_non_null(a);
	assert_true(fd >= 0);
	assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	if (filter == TAR_GZIP)
		assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	if (filter == TAR_ZSTD)
		assert_int_equal(archive_write_add_filter_zstd(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_fd(a, fd), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++)
		add_member(a, &m[i]);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return fd;
}

/* One line a file below dir (path relative to the scratch, mode, size,
 * owner, links, mtime, ctime, link target), the root and what it holds left out, in name order. */
static void list_dir(FILE *out, const char *dir, size_t prefix, const char *root)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0 &&
		    strcmp(path, root) != 0) {
			char target[256] = "";

			assert_int_equal(lstat(path, &st), 0);
			if (S_ISLNK(st.st_mode))
				assert_true(readlink(path, target, sizeof(target) - 1) > 0);
			/* ctime: a chown, chmod, link or attribute changes it. */
			fprintf(out, "%s %o %u:%u %lld %lu %lld.%09ld %lld.%09ld %s\n",
				path + prefix, st.st_mode, st.st_uid, st.st_gid,
				(long long)st.st_size, (unsigned long)st.st_nlink,
				(long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
				(long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec, target);
			if (S_ISDIR(st.st_mode))
				list_dir(out, path, prefix, root);
		}
		free(names[i]);
	}
	free(names);
}

static char *list_outside(struct layer_fixture *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	list_dir(out, f->s.dir, strlen(f->s.dir), in_tree(f, ""));
	assert_int_equal(fclose(out), 0);
	return text;
}

void assert_outside_untouched(struct layer_fixture *f)
{
	char *now = list_outside(f);

	assert_string_equal(now, f->outside);
	free(now);
}

const char *in_tree(struct layer_fixture *f, const char *rel)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "root%s%s", *rel ? "/" : "", rel);
	return scratch_path(&f->s, buf);
}

const char *tree_text(struct layer_fixture *f, const char *rel, char *buf, size_t size)
{
	int fd = open(in_tree(f, rel), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

int layer_fixture_setup(void **state)
{
	struct layer_fixture *f = calloc(1, sizeof(*f));

	if (!f || scratch_make(&f->s) < 0 || mkdir(scratch_path(&f->s, "root"), 0755) < 0 ||
	    mkdir(scratch_path(&f->s, "outside"), 0755) < 0 ||
	    scratch_put(&f->s, "outside/secret", "host secret", 0644) < 0 ||
	    scratch_put(&f->s, "victim", "host victim", 0644) < 0 ||
	    symlink("..", scratch_path(&f->s, "outside/up")) < 0)
		return -1;
	f->root_fd = open(scratch_path(&f->s, "root"), O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (f->root_fd < 0)
		return -1;
	f->outside = list_outside(f);
	error_init(&f->e);
	*state = f;
	return 0;
}

int layer_fixture_teardown(void **state)
{
	struct layer_fixture *f = *state;

	close(f->root_fd);
	free(f->outside);
	dir_times_free(&f->dt);
	scratch_remove(&f->s);
	free(f);
	return 0;
}

/* While a layer is applied the test is chrooted into the scratch: a bug that
 * let an entry escape the root would then write into the scratch, where the
 * listing sees it, instead of into the host's "/". */
struct chroot_guard {
	int old_root, old_cwd;
};

static struct chroot_guard guard_enter(struct layer_fixture *f)
{
	struct chroot_guard g = { open("/", O_PATH | O_DIRECTORY | O_CLOEXEC),
				  open(".", O_PATH | O_DIRECTORY | O_CLOEXEC) };

	assert_true(g.old_root >= 0 && g.old_cwd >= 0);
	if (chroot(f->s.dir) < 0)
		fail_msg("the layer tests chroot into their scratch (run them as root): %s",
			 strerror(errno));
	assert_int_equal(chdir("/"), 0);
	return g;
}

static void guard_leave(struct chroot_guard g)
{
	assert_int_equal(fchdir(g.old_root), 0);
	assert_int_equal(chroot("."), 0);
	assert_int_equal(fchdir(g.old_cwd), 0);
	close(g.old_root);
	close(g.old_cwd);
}

int apply_filtered(struct layer_fixture *f, enum tar_filter filter, const struct tar_member *m,
		   size_t n, const struct layer_opts *opts)
{
	static const struct layer_opts as_root = { .make_devices = true, .keep_owners = true };
	int fd = tar_layer(filter, m, n), r;
	struct chroot_guard g = guard_enter(f);

	r = layer_apply(f->root_fd, fd, LAYER_LABEL, opts ? opts : &as_root, &f->dt, &f->st, &f->e);
	guard_leave(g);
	close(fd);
	assert_outside_untouched(f);
	return r;
}

int apply_members(struct layer_fixture *f, const struct tar_member *m, size_t n,
		  const struct layer_opts *opts)
{
	return apply_filtered(f, TAR_PLAIN, m, n, opts);
}

bool tree_missing(struct layer_fixture *f, const char *rel)
{
	struct stat st;

	return lstat(in_tree(f, rel), &st) < 0 && errno == ENOENT;
}
