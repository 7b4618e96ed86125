/* Arbitrary bytes as a layer, applied onto a fresh scratch root as root
 * would (owners kept; no devices, so that the fuzzer makes no node of the
 * host's disks): whatever the applier accepts or refuses, nothing outside
 * the root appears, disappears or changes, and a failure always comes with
 * its message. The scratch is made once per process, as libFuzzer gives a
 * target no state of its own. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/rosetta-mkroot/dir_times.h"
#include "tools/rosetta-mkroot/layer.h"
#include "tools/rosetta-mkroot/remove_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch: PARENT/root is applied onto; PARENT/outside holds a file, a
 * link to the parent and a directory that no layer may touch. */
static int parent_fd = -1, old_root = -1, old_cwd = -1;
static char parent_path[PATH_MAX];
static char before[4096];

static __attribute__((noreturn)) void die(const char *what)
{
	fprintf(stderr, "fuzz_mkroot_layer: %s\n", what);
	abort();
}

static void check(bool ok, const char *what)
{
	if (!ok)
		die(what);
}

/* Every name below dirfd but "root", with what stat says of it. */
static void list(int dirfd, const char *prefix, char *out, size_t size)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;

	if (!d)
		die("cannot list the scratch");
	while ((de = readdir(d))) {
		struct stat st;
		size_t len = strlen(out);

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    (!*prefix && !strcmp(de->d_name, "root")))
			continue;
		check(fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0, "stat failed");
		snprintf(out + len, size - len, "%s/%s %o %u %u %lld %lld.%ld %lld.%ld\n", prefix,
			 de->d_name, st.st_mode, st.st_uid, st.st_gid, (long long)st.st_size,
			 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
			 (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd, de->d_name, O_PATH | O_DIRECTORY | O_NOFOLLOW);

			check(sub >= 0, "cannot open a directory of the scratch");
			list(sub, de->d_name, out, size);
			close(sub);
		}
	}
	closedir(d);
}

static void remove_scratch(void)
{
	remove_tree_at(AT_FDCWD, parent_path);
}

static void make_scratch(void)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(parent_path, sizeof(parent_path), "%s/fuzz_mkroot_layer.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	check(mkdtemp(parent_path) != NULL, "cannot make the scratch");
	old_root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	old_cwd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	check(old_root >= 0 && old_cwd >= 0, "cannot open / and the working directory");
	atexit(remove_scratch);
	parent_fd = open(parent_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	check(parent_fd >= 0, "cannot open the scratch");
	check(mkdirat(parent_fd, "outside", 0755) == 0 &&
		  mkdirat(parent_fd, "outside/dir", 0755) == 0 &&
		  symlinkat("..", parent_fd, "outside/up") == 0,
	      "cannot fill the scratch");
	fd = openat(parent_fd, "outside/secret", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	check(fd >= 0 && write(fd, "host", 4) == 4, "cannot fill the scratch");
	close(fd);
	list(parent_fd, "", before, sizeof(before));
}

static void apply(const uint8_t *data, size_t size, int root_fd)
{
	static const struct layer_opts opts = { .keep_owners = true };
	struct dir_times dt = { 0 };
	struct layer_stats st = { 0 };
	struct error_record e;
	int fd = memfd_create("layer", MFD_CLOEXEC), r;

	error_init(&e);
	check(fd >= 0 && (size == 0 || write(fd, data, size) == (ssize_t)size),
	      "cannot write the layer");
	/* Chrooted into the scratch meanwhile: an escape writes into the
	 * scratch, where the listing sees it, not into the host's "/". */
	check(fchdir(parent_fd) == 0 && chroot(".") == 0, "cannot chroot (run as root)");
	r = layer_apply(root_fd, fd, "layer 1 (sha256:fuzz)", &opts, &dt, &st, &e);
	if (r == 0)
		r = dir_times_apply(root_fd, &dt, &e);
	check(fchdir(old_root) == 0 && chroot(".") == 0 && fchdir(old_cwd) == 0,
	      "cannot leave the chroot");
	check(r <= 0, "a positive return");
	check((r < 0) == (e.count > 0) && (r == 0 || e.err == r), "a failure without its message");
	dir_times_free(&dt);
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char after[sizeof(before)] = "";
	int root_fd;

	if (parent_fd < 0)
		make_scratch();
	check(remove_tree_at(parent_fd, "root") == 0 && mkdirat(parent_fd, "root", 0755) == 0,
	      "cannot make the root afresh");
	root_fd = openat(parent_fd, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
	check(root_fd >= 0, "cannot open the root");
	apply(data, size, root_fd);
	close(root_fd);
	list(parent_fd, "", after, sizeof(after));
	check(!strcmp(before, after), "something outside the root changed");
	return 0;
}
