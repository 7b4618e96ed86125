/* Layers for the applier's tests: tars written with libarchive into a memfd,
 * and a scratch holding the root they are applied onto beside files outside
 * it, whose listing shows anything a layer wrote or removed outside. Every
 * helper fails the test when it cannot do its job. */
#ifndef TESTS_UNIT_MKROOT_LAYER_TAR_H
#define TESTS_UNIT_MKROOT_LAYER_TAR_H

#include <stdbool.h>
#include <stddef.h>

#include "tests/unit/scratch.h"
#include "tools/rosetta-mkroot/layer.h"

struct tar_member {
	const char *name;
	unsigned int type; /* AE_IFREG (0 too), AE_IFDIR, AE_IFLNK, AE_IFIFO, ... */
	const char *data;  /* a file's contents, a symbolic link's target */
	const char *link;  /* a hard link: the name it links to */
	unsigned int mode; /* permissions; 0: 0644, 0755 for a directory */
	long long uid, gid;
	long long mtime; /* 0: 1000000 */
	const char *xattr, *xattr_value;
	unsigned int major, minor;
};

/* A mode of no permissions at all, 0 being the default's. */
#define TAR_MODE_NONE 010000

enum tar_filter { TAR_PLAIN, TAR_GZIP, TAR_ZSTD };

/* A memfd holding a pax tar of the n members. */
int tar_layer(enum tar_filter filter, const struct tar_member *m, size_t n);

/* A scratch with "root/" (the root applied onto), "outside/secret", "victim"
 * and a link "outside/up" -> "..", all outside the root. */
struct layer_fixture {
	struct scratch s;
	int root_fd;
	char *outside; /* the listing of everything outside the root */
	struct dir_times dt;
	struct layer_stats st;
	struct error_record e;
};

int layer_fixture_setup(void **state);
int layer_fixture_teardown(void **state);

/* Apply the members as one layer ("layer 1 (sha256:abcd...)") with opts
 * (NULL: root's, devices and owners kept), then check nothing outside the
 * root changed. Returns what layer_apply returned. */
int apply_members(struct layer_fixture *f, const struct tar_member *m, size_t n,
		  const struct layer_opts *opts);

/* The same with a filter. */
int apply_filtered(struct layer_fixture *f, enum tar_filter filter, const struct tar_member *m,
		   size_t n, const struct layer_opts *opts);

/* Fails the test when anything outside the root differs from the setup's. */
void assert_outside_untouched(struct layer_fixture *f);

/* The path rel below the root, and what a file there holds ("" for none). */
const char *in_tree(struct layer_fixture *f, const char *rel);
const char *tree_text(struct layer_fixture *f, const char *rel, char *buf, size_t size);

/* Nothing at rel below the root. */
bool tree_missing(struct layer_fixture *f, const char *rel);

/* apply_members of the members listed, as the root. */
#define APPLY(f, ...)                                                                              \
	({                                                                                         \
		const struct tar_member m_[] = { __VA_ARGS__ };                                    \
		apply_members(f, m_, sizeof(m_) / sizeof(m_[0]), NULL);                            \
	})

#define LAYER_LABEL "layer 1 (sha256:abcd)"

#endif
