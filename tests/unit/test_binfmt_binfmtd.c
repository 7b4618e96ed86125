/* libbinfmt binfmt.d(5): systemd-binfmt's choice of files (override, mask,
 * order) in a scratch tree, and its reading of lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/binfmtd.h"
#include "lib/array_size.h"
#include "lib/fs.h"
#include "tests/unit/scratch.h"

#define MAX_SEEN 16

/* What a parse reported, in order. */
struct record {
	int entries, errors;
	char name[MAX_SEEN][BINFMT_NAME_MAX + 1];
	char line[MAX_SEEN][BINFMT_REGISTER_MAX + 1];
	unsigned int entry_at[MAX_SEEN];
	int err[MAX_SEEN];
	unsigned int err_at[MAX_SEEN];
	char err_file[MAX_SEEN][256];
	int stop_at; /* entry callback returns -ECANCELED at this entry (1-based) */
};

static int on_entry(void *arg, const struct binfmt_entry *e, const char *line,
		    const struct binfmt_origin *at)
{
	struct record *r = arg;

	assert_true(r->entries < MAX_SEEN);
	snprintf(r->name[r->entries], sizeof(r->name[r->entries]), "%s", e->name);
	snprintf(r->line[r->entries], sizeof(r->line[r->entries]), "%s", line);
	r->entry_at[r->entries] = at->line;
	r->entries++;
	return r->entries == r->stop_at ? -ECANCELED : 0;
}

/* err[] holds the rule a line breaks, or the -errno of a file that cannot
 * be read; either way the parser's err is a negative errno. */
static void on_error(void *arg, int err, const struct binfmt_rule *rule,
		     const struct binfmt_origin *at)
{
	struct record *r = arg;

	assert_true(r->errors < MAX_SEEN);
	assert_true(err < 0);
	r->err[r->errors] = rule->broken != BINFMT_OK ? (int)rule->broken : err;
	r->err_at[r->errors] = at->line;
	snprintf(r->err_file[r->errors], sizeof(r->err_file[0]), "%s", at->file);
	r->errors++;
}

static int parse(const char *text, struct record *r)
{
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error, .arg = r };

	return binfmtd_parse_text(text, strlen(text), "test.conf", &sink);
}

static void comments_and_blanks_are_skipped(void **state)
{
	struct record r = { 0 };

	(void)state;
	assert_int_equal(parse("# a comment\n"
			       "; another\n"
			       "\n"
			       "   \t\n"
			       "  # indented comment\n"
			       ":a:E::x::/i:\n",
			       &r),
			 0);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.entries, 1);
	assert_int_equal(r.entry_at[0], 6);
}

static void reported_line_is_the_stripped_line(void **state)
{
	struct record r = { 0 };

	(void)state;
	assert_int_equal(parse("  \t:a:M::\\x7fELF::/bin/a:F \t\r\n", &r), 0);
	assert_int_equal(r.entries, 1);
	assert_string_equal(r.name[0], "a");
	/* What systemd-binfmt writes to the kernel: no blanks, no newline. */
	assert_string_equal(r.line[0], ":a:M::\\x7fELF::/bin/a:F");
}

static void good_and_bad_lines(void **state)
{
	struct record r = { 0 };

	(void)state;
	assert_int_equal(parse(":good1:E::one::/bin/one:\n"
			       ":bad:M::\\xZZ::/bin/x:\n"
			       "# fine\n"
			       ":good2:E::two::/bin/two:P\n"
			       ":status:E::three::/bin/three:\n"
			       "not a rule\n"
			       ":good3:E::four::/bin/four:",
			       &r),
			 3);
	assert_int_equal(r.entries, 3);
	assert_string_equal(r.name[0], "good1");
	assert_string_equal(r.name[1], "good2");
	assert_string_equal(r.name[2], "good3");
	assert_int_equal(r.entry_at[0], 1);
	assert_int_equal(r.entry_at[1], 4);
	assert_int_equal(r.entry_at[2], 7);
	assert_int_equal(r.errors, 3);
	assert_int_equal(r.err[0], BINFMT_E_ESCAPE);
	assert_int_equal(r.err_at[0], 2);
	assert_int_equal(r.err[1], BINFMT_E_NAME);
	assert_int_equal(r.err_at[1], 5);
	assert_int_equal(r.err[2], BINFMT_E_SYNTAX);
	assert_int_equal(r.err_at[2], 6);
	assert_string_equal(r.err_file[2], "test.conf");
}

/* read_line(): \n, \r, \r\n, \n\r and NUL end a line; "\n\n" is two. */
static void line_ends_as_systemd_reads_them(void **state)
{
	static const char text[] = "\r\n"	      /* 1 */
				   "\n\r"	      /* 2 (one line end) */
				   ":a:E::x::/i:\r"   /* 3 */
				   ":b:E::y::/i:\n\n" /* 4, 5 */
				   ":c:E::z::/i:\0"   /* 6 */
				   "bad\r\r"	      /* 7, 8 */
				   ":d:E::w::/i:\0\n" /* 9, 10 */
				   ":e:E::v::/i:";    /* 11 */
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	struct record r = { 0 };

	(void)state;
	sink.arg = &r;
	assert_int_equal(binfmtd_parse_text(text, sizeof(text) - 1, "t", &sink), 1);
	assert_int_equal(r.entries, 5);
	assert_int_equal(r.entry_at[0], 3);
	assert_int_equal(r.entry_at[1], 4);
	assert_int_equal(r.entry_at[2], 6);
	assert_int_equal(r.err_at[0], 7);
	assert_int_equal(r.entry_at[3], 9);
	assert_int_equal(r.entry_at[4], 11);
}

static void callback_can_stop_the_parse(void **state)
{
	struct record r = { .stop_at = 2 };

	(void)state;
	assert_int_equal(parse(":a:E::x::/i:\n:b:E::y::/i:\n:c:E::z::/i:\n", &r), -ECANCELED);
	assert_int_equal(r.entries, 2);
}

static void sink_without_callbacks(void **state)
{
	struct binfmt_sink sink = { 0 };
	static const char text[] = ":a:E::x::/i:\nbad\n";

	(void)state;
	assert_int_equal(binfmtd_parse_text(text, strlen(text), "t", &sink), 1);
}

/* ---- files ---- */

/* rel, an absolute path inside the tree, as a path of the host. */
static const char *in_tree(struct scratch *s, const char *rel)
{
	return scratch_path(s, rel + (rel[0] == '/'));
}

static void put_file(struct scratch *s, const char *rel, const char *text)
{
	assert_int_equal(scratch_put(s, rel + (rel[0] == '/'), text, 0644), 0);
}

static void put_link(struct scratch *s, const char *rel, const char *target)
{
	assert_int_equal(symlink(target, in_tree(s, rel)), 0);
}

static void put_dir(struct scratch *s, const char *rel)
{
	assert_int_equal(mkdir(in_tree(s, rel), 0755), 0);
}

static void remove_dir(struct scratch *s, const char *rel)
{
	assert_int_equal(rmdir(in_tree(s, rel)), 0);
}

/* A scratch tree with /etc, /run, /usr/local/lib, /usr/lib, each with binfmt.d. */
static int make_tree(void **state)
{
	static const char *const dirs[] = {
		"/etc",	    "/etc/binfmt.d",	 "/run",	   "/run/binfmt.d",
		"/usr",	    "/usr/local",	 "/usr/local/lib", "/usr/local/lib/binfmt.d",
		"/usr/lib", "/usr/lib/binfmt.d",
	};

	if (scratch_setup(state) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		put_dir(*state, dirs[i]);
	return 0;
}

static const char *base(const char *path)
{
	return strrchr(path, '/') + 1;
}

static void assert_path(struct scratch *s, const char *got, const char *rel)
{
	assert_string_equal(got, in_tree(s, rel));
}

static void collect_overrides_masks_and_sorts(void **state)
{
	struct scratch *s = *state;
	struct binfmtd_files files;

	put_file(s, "/usr/lib/binfmt.d/z.conf", ":z:E::z::/i:\n");
	put_file(s, "/usr/lib/binfmt.d/a.conf", ":a:E::a::/usr:\n");
	put_file(s, "/run/binfmt.d/a.conf", ":a:E::a::/run:\n"); /* overrides /usr/lib */
	put_file(s, "/usr/lib/binfmt.d/b.conf", ":b:E::b::/usr:\n");
	put_file(s, "/etc/binfmt.d/b.conf", ":b:E::b::/etc:\n"); /* overrides both */
	put_file(s, "/usr/local/lib/binfmt.d/b.conf", ":b:E::b::/loc:\n");
	put_file(s, "/usr/lib/binfmt.d/c.conf", ":c:E::c::/usr:\n");
	put_file(s, "/etc/binfmt.d/c.conf", ""); /* empty: masks */
	put_file(s, "/usr/lib/binfmt.d/d.conf", ":d:E::d::/usr:\n");
	put_link(s, "/etc/binfmt.d/d.conf", "/dev/null"); /* masks */
	put_file(s, "/usr/lib/binfmt.d/y.conf", ":y:E::y::/usr:\n");
	put_link(s, "/usr/local/lib/binfmt.d/y.conf", "missing.conf"); /* dangling: masks */
	put_dir(s, "/etc/binfmt.d/dir.conf");			       /* a directory: ignored */
	put_file(s, "/usr/lib/binfmt.d/dir.conf", ":dir:E::x::/usr:\n");
	put_file(s, "/etc/binfmt.d/e.conf", ":e:E::e::/etc:\n");
	put_file(s, "/etc/binfmt.d/notes.txt", "not a conf file\n");
	put_file(s, "/etc/binfmt.d/.hidden.conf", ":h:E::h::/etc:\n");
	put_file(s, "/etc/binfmt.d/.conf", ":h:E::h::/etc:\n");

	assert_int_equal(binfmtd_collect(s->dir, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 5);
	assert_path(s, files.paths[0], "/run/binfmt.d/a.conf");
	assert_path(s, files.paths[1], "/etc/binfmt.d/b.conf");
	assert_path(s, files.paths[2], "/usr/lib/binfmt.d/dir.conf");
	assert_path(s, files.paths[3], "/etc/binfmt.d/e.conf");
	assert_path(s, files.paths[4], "/usr/lib/binfmt.d/z.conf");
	for (size_t i = 1; i < files.count; i++)
		assert_true(strcmp(base(files.paths[i - 1]), base(files.paths[i])) < 0);
	binfmtd_files_free(&files);
	assert_int_equal(files.count, 0);
	assert_null(files.paths);
}

static void collect_under_root_with_slash(void **state)
{
	struct scratch *s = *state;
	struct binfmtd_files files;
	char slashed[PATH_MAX + 2];

	put_file(s, "/usr/lib/binfmt.d/only.conf", ":o:E::o::/i:\n");
	snprintf(slashed, sizeof(slashed), "%s//", s->dir);
	assert_int_equal(binfmtd_collect(slashed, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 1);
	assert_path(s, files.paths[0], "/usr/lib/binfmt.d/only.conf");
	binfmtd_files_free(&files);
}

static void collect_missing_dirs_is_no_error(void **state)
{
	struct scratch *s = *state;
	static const char *const dirs[] = { "/nowhere/binfmt.d", "/etc/binfmt.d", NULL };
	struct binfmtd_files files;

	assert_int_equal(binfmtd_collect(s->dir, dirs, &files), 0);
	assert_int_equal(files.count, 0);
	binfmtd_files_free(&files);
	assert_int_equal(binfmtd_collect("/nonexistent-root", binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 0);
	binfmtd_files_free(&files);
}

static void parse_file_reports_by_path(void **state)
{
	struct scratch *s = *state;
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	struct record r = { 0 };
	const char *path = in_tree(s, "/etc/binfmt.d/mixed.conf");

	sink.arg = &r;
	put_file(s, "/etc/binfmt.d/mixed.conf", "# header\n:ok:E::ok::/i:\n:bad:E::x::rel:\n");
	assert_int_equal(binfmtd_parse_file(path, &sink), 1);
	assert_int_equal(r.entries, 1);
	assert_int_equal(r.entry_at[0], 2);
	assert_int_equal(r.err[0], BINFMT_E_INTERPRETER);
	assert_int_equal(r.err_at[0], 3);
	assert_string_equal(r.err_file[0], path);
	path = in_tree(s, "/etc/binfmt.d/absent.conf");
	assert_int_equal(binfmtd_parse_file(path, &sink), -ENOENT);
	assert_int_equal(r.err[1], -ENOENT);
	assert_int_equal(r.err_at[1], 0);
	assert_int_equal(binfmtd_parse_file("/dev/null", &sink), 0); /* a mask reads as empty */
}

/* Under a root, links resolve as if the root were /: an image's absolute
 * link names a file of the image, a binfmt.d directory may be a link, and
 * an absolute link to a file only the host has dangles (and masks). */
static void collect_resolves_links_in_root(void **state)
{
	struct scratch *s = *state;
	struct binfmtd_files files;

	put_dir(s, "/opt");
	put_dir(s, "/opt/vendor");
	put_file(s, "/opt/vendor/a.conf", ":a:E::a::/i:\n");
	put_link(s, "/etc/binfmt.d/a.conf", "/opt/vendor/a.conf");
	put_dir(s, "/srv");
	put_dir(s, "/srv/binfmt.d");
	put_file(s, "/srv/binfmt.d/b.conf", ":b:E::b::/i:\n");
	remove_dir(s, "/run/binfmt.d");
	put_link(s, "/run/binfmt.d", "/srv/binfmt.d");
	put_file(s, "/usr/lib/binfmt.d/c.conf", ":c:E::c::/i:\n");
	put_link(s, "/etc/binfmt.d/c.conf", "/etc/passwd"); /* the host's, not the image's */

	assert_int_equal(binfmtd_collect(s->dir, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 2);
	assert_path(s, files.paths[0], "/etc/binfmt.d/a.conf");
	assert_path(s, files.paths[1], "/run/binfmt.d/b.conf");
	binfmtd_files_free(&files);
}

/* Reading a collected file resolves it inside the root too: a relative link
 * that climbs to / and back down to ROOT/outside.conf on the host (ROOT:
 * the scratch tree) reaches the image's own ROOT/ROOT/outside.conf instead.
 * Without a root the same link reads the host's file. Reported by the path
 * as shown. */
static void parse_collected_reads_inside_root(void **state)
{
	struct scratch *s = *state;
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	const char *const dirs[] = { "/etc/binfmt.d", NULL };
	const char *host_dirs[] = { in_tree(s, "/etc/binfmt.d"), NULL };
	char target[2 * PATH_MAX], rel[PATH_MAX + 16];
	struct binfmtd_files files;
	struct record r = { 0 };
	size_t n = 0;

	sink.arg = &r;
	/* ".." past / stays at /: enough of them reach it from wherever the tree is. */
	for (int i = 0; i < 64; i++)
		n += (size_t)snprintf(target + n, sizeof(target) - n, "../");
	snprintf(target + n, sizeof(target) - n, "..%s/outside.conf", s->dir);
	put_link(s, "/etc/binfmt.d/x.conf", target);
	put_file(s, "/outside.conf", ":host:E::h::/i:\n");
	/* ROOT inside ROOT */
	assert_int_equal(make_dirs(in_tree(s, s->dir), 0755), 0);
	snprintf(rel, sizeof(rel), "%s/outside.conf", s->dir);
	put_file(s, rel, ":inside:E::i::/i:\n");

	assert_int_equal(binfmtd_collect(s->dir, dirs, &files), 0);
	assert_int_equal(files.count, 1);
	assert_path(s, files.paths[0], "/etc/binfmt.d/x.conf");
	assert_int_equal(binfmtd_parse_collected(&files, 0, &sink), 0);
	assert_int_equal(r.entries, 1);
	assert_string_equal(r.name[0], "inside");
	binfmtd_files_free(&files);

	assert_int_equal(binfmtd_collect(NULL, host_dirs, &files), 0);
	assert_int_equal(files.count, 1);
	assert_int_equal(binfmtd_parse_collected(&files, 0, &sink), 0);
	assert_int_equal(r.entries, 2);
	assert_string_equal(r.name[1], "host");
	binfmtd_files_free(&files);
}

/* A file collected but gone by the time it is read is reported by path. */
static void parse_collected_reports_by_path(void **state)
{
	struct scratch *s = *state;
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	struct binfmtd_files files;
	struct record r = { 0 };
	const char *path = in_tree(s, "/etc/binfmt.d/gone.conf");

	sink.arg = &r;
	put_file(s, "/etc/binfmt.d/gone.conf", ":g:E::g::/i:\n");
	assert_int_equal(binfmtd_collect(s->dir, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 1);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(binfmtd_parse_collected(&files, 0, &sink), -ENOENT);
	assert_int_equal(r.err[0], -ENOENT);
	assert_string_equal(r.err_file[0], path);
	binfmtd_files_free(&files);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comments_and_blanks_are_skipped),
		cmocka_unit_test(reported_line_is_the_stripped_line),
		cmocka_unit_test(good_and_bad_lines),
		cmocka_unit_test(line_ends_as_systemd_reads_them),
		cmocka_unit_test(callback_can_stop_the_parse),
		cmocka_unit_test(sink_without_callbacks),
		cmocka_unit_test_setup_teardown(collect_overrides_masks_and_sorts, make_tree,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(collect_under_root_with_slash, make_tree,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(collect_missing_dirs_is_no_error, make_tree,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(parse_file_reports_by_path, make_tree,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(collect_resolves_links_in_root, make_tree,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(parse_collected_reads_inside_root, make_tree,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(parse_collected_reports_by_path, make_tree,
						scratch_teardown),
	};

	return cmocka_run_group_tests_name("binfmt_binfmtd", tests, NULL, NULL);
}
