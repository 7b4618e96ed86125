/* Hostile layers: names with "..", absolute names, symbolic and hard links
 * that lead out of the root, made in the same layer or one before, whiteouts
 * through links, entries that would replace the root. Each is refused or
 * kept inside the root; after each the scratch outside the root is listed
 * again and must be as it was (apply_members checks it). */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/mkroot_layer_tar.h"
#include "tools/rosetta-mkroot/layer.h"

#include <cmocka.h>

/* The layer failed with -EINVAL on the entry, with that message; the record
 * is cleared for the next. */
static void assert_refused(struct layer_fixture *f, int r, const char *entry, const char *rule)
{
	char want[512];

	snprintf(want, sizeof(want), LAYER_LABEL ": entry '%s': %s", entry, rule);
	assert_int_equal(r, -EINVAL);
	assert_int_equal(f->e.count, 1);
	assert_false(f->e.system);
	assert_string_equal(f->e.msg[0].text, want);
	error_init(&f->e);
}

static void dotdot_refused(void **state)
{
	struct layer_fixture *f = *state;
	static const char rule[] = "a name cannot have a '..' component";

	assert_refused(f, APPLY(f, { .name = "../victim", .data = "pwned" }), "../victim", rule);
	assert_refused(f, APPLY(f, { .name = "a/../../victim", .data = "x" }), "a/../../victim",
		       rule);
	assert_refused(
	    f, APPLY(f, { .name = "ok", .data = "x" }, { .name = "d/..", .type = AE_IFDIR }),
	    "d/../", rule);
	assert_refused(f,
		       APPLY(f, { .name = "l", .type = AE_IFLNK, .data = "x" },
			     { .name = "..", .type = AE_IFDIR }),
		       "../", rule);
	/* Entries before the refused one are applied. */
	assert_false(tree_missing(f, "ok"));
}

/* Absolute names are refused: layer writers name entries from the root. */
static void absolute_names_refused(void **state)
{
	struct layer_fixture *f = *state;
	static const char rule[] =
	    "an absolute name: a layer names its entries relative to the root";

	assert_refused(f, APPLY(f, { .name = "/victim", .data = "x" }), "/victim", rule);
	assert_refused(f, APPLY(f, { .name = "//outside/secret", .data = "x" }), "//outside/secret",
		       rule);
	assert_true(tree_missing(f, "victim"));
}

/* A link to "/" or ".." (this layer's or the last's) then a file through it:
 * refused, as no honest writer puts an entry behind a link. */
static void writes_through_links_refused(void **state)
{
	struct layer_fixture *f = *state;
	static const char rule[] =
	    "a directory on its path is a symbolic link: a layer never writes through one";

	assert_refused(f,
		       APPLY(f, { .name = "top", .type = AE_IFLNK, .data = "/" },
			     { .name = "top/victim", .data = "1" }),
		       "top/victim", rule);
	assert_int_equal(APPLY(f, { .name = "up", .type = AE_IFLNK, .data = ".." },
			       { .name = "deep", .type = AE_IFLNK, .data = "../../../../.." },
			       { .name = "chain", .type = AE_IFLNK, .data = "up" }),
			 0);
	assert_refused(f, APPLY(f, { .name = "up/outside/secret", .data = "2" }),
		       "up/outside/secret", rule);
	assert_refused(f, APPLY(f, { .name = "deep/up/x", .data = "3" }), "deep/up/x", rule);
	assert_refused(f, APPLY(f, { .name = "chain/chained", .data = "4" }), "chain/chained",
		       rule);
	assert_true(tree_missing(f, "victim"));
	assert_true(tree_missing(f, "outside"));
	/* A directory entry over a link replaces the link, not its target. */
	assert_int_equal(
	    APPLY(f, { .name = "up", .type = AE_IFDIR }, { .name = "up/in", .data = "5" }), 0);
	assert_false(tree_missing(f, "up/in"));
}

/* A link to a directory outside, then a file of the link's own name: the
 * link is replaced, its target untouched. */
static void file_over_link_replaces_the_link(void **state)
{
	struct layer_fixture *f = *state;
	struct stat st;

	assert_int_equal(
	    APPLY(f, { .name = "s", .type = AE_IFLNK, .data = "../../outside/secret" }), 0);
	assert_int_equal(APPLY(f, { .name = "s", .data = "new" },
			       { .name = "p", .type = AE_IFLNK, .data = "/proc/self/root" },
			       { .name = "f", .type = AE_IFIFO }),
			 0);
	assert_int_equal(lstat(in_tree(f, "s"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* Through the magic link's name: refused as any link. */
	assert_refused(
	    f, APPLY(f, { .name = "p/etc/x", .data = "x" }), "p/etc/x",
	    "a directory on its path is a symbolic link: a layer never writes through one");
}

static void hard_links_stay_inside(void **state)
{
	struct layer_fixture *f = *state;
	struct stat st;

	static const char inside[] =
	    "a hard link must name a file inside the tree, relative to its root, without '..'";

	assert_refused(f, APPLY(f, { .name = "h", .link = "../outside/secret" }), "h", inside);
	assert_refused(f, APPLY(f, { .name = "h", .link = "/../victim" }), "h", inside);
	assert_refused(f, APPLY(f, { .name = "h", .link = "/etc/passwd" }), "h", inside);
	/* Through a link to outside: resolved inside, where there is nothing. */
	assert_refused(f,
		       APPLY(f, { .name = "out", .type = AE_IFLNK, .data = "../outside" },
			     { .name = "h", .link = "out/secret" }),
		       "h", "its hard link target 'out/secret' goes through a symbolic link");
	assert_refused(f, APPLY(f, { .name = "d", .type = AE_IFDIR }, { .name = "h", .link = "d" }),
		       "h", "a hard link cannot name a directory");
	assert_refused(f, APPLY(f, { .name = "h", .link = "h" }), "h",
		       "a hard link cannot name itself");
	/* Through a link to inside: refused all the same; the real path works. */
	assert_refused(f,
		       APPLY(f, { .name = "outside/secret", .data = "tree" },
			     { .name = "top", .type = AE_IFLNK, .data = "/" },
			     { .name = "h", .link = "top/outside/secret" }),
		       "h",
		       "its hard link target 'top/outside/secret' goes through a symbolic link");
	assert_int_equal(APPLY(f, { .name = "h", .link = "outside/secret" }), 0);
	assert_int_equal(lstat(in_tree(f, "h"), &st), 0);
	assert_int_equal(st.st_nlink, 2);
}

static void whiteouts_stay_inside(void **state)
{
	struct layer_fixture *f = *state;

	assert_int_equal(APPLY(f, { .name = "victim", .data = "tree" },
			       { .name = "up", .type = AE_IFLNK, .data = "../.." },
			       { .name = "abs", .type = AE_IFLNK, .data = "/" }),
			 0);
	/* Through links: refused, the tree's victim and the host's stay. */
	assert_refused(
	    f, APPLY(f, { .name = "up/.wh.victim" }), "up/.wh.victim",
	    "a directory on its path is a symbolic link: a layer never writes through one");
	assert_refused(
	    f, APPLY(f, { .name = "abs/.wh..wh..opq" }), "abs/.wh..wh..opq",
	    "a directory on its path is a symbolic link: a layer never writes through one");
	assert_false(tree_missing(f, "victim"));
	/* A whiteout of a link removes the link, not its target. */
	assert_int_equal(APPLY(f, { .name = ".wh.up" }), 0);
	assert_true(tree_missing(f, "up"));
	assert_refused(f, APPLY(f, { .name = ".wh." }), ".wh.",
		       "a whiteout '.wh.' must name what it hides");
	assert_refused(f, APPLY(f, { .name = "d/.wh." }), "d/.wh.",
		       "a whiteout '.wh.' must name what it hides");
	assert_refused(f, APPLY(f, { .name = ".wh.." }), ".wh..", "a whiteout cannot hide '.'");
	assert_refused(f, APPLY(f, { .name = "a/.wh..." }), "a/.wh...",
		       "a whiteout cannot hide '..'");
	assert_refused(f, APPLY(f, { .name = ".wh.x/y", .data = "z" }), ".wh.x/y",
		       "a whiteout cannot hold other entries");
	assert_true(tree_missing(f, ".wh.x"));
}

static void root_not_replaced(void **state)
{
	struct layer_fixture *f = *state;
	static const char rule[] = "only a directory can name the root";
	struct stat st;

	assert_refused(f, APPLY(f, { .name = ".", .data = "file" }), ".", rule);
	assert_refused(f, APPLY(f, { .name = "/", .type = AE_IFLNK, .data = "/etc" }), "/", rule);
	assert_refused(f, APPLY(f, { .name = ".", .link = "x" }), ".", rule);
	/* A directory entry for the root gives it its mode (set last). */
	assert_int_equal(APPLY(f, { .name = "./", .type = AE_IFDIR, .mode = 0700, .mtime = 9 }), 0);
	assert_int_equal(dir_times_apply(f->root_fd, &f->dt, &f->e), 0);
	assert_int_equal(stat(in_tree(f, ""), &st), 0);
	assert_int_equal(st.st_mode, S_IFDIR | 0700);
	assert_int_equal(st.st_mtim.tv_sec, 9);
}

/* Names that drive a terminal are shown escaped. */
static void names_quoted_in_messages(void **state)
{
	struct layer_fixture *f = *state;

	assert_refused(f, APPLY(f, { .name = "\x1b[2J/../x", .data = "x" }), "\\x1b[2J/../x",
		       "a name cannot have a '..' component");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, layer_fixture_setup, layer_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(dotdot_refused),
		T(absolute_names_refused),
		T(writes_through_links_refused),
		T(file_over_link_replaces_the_link),
		T(hard_links_stay_inside),
		T(whiteouts_stay_inside),
		T(root_not_replaced),
		T(names_quoted_in_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
