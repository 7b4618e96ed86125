/* libbinfmt binfmt.d(5): systemd-binfmt's choice of files (override, mask,
 * order) in a scratch tree, and its reading of lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/binfmtd.h"
#include "lib/array_size.h"

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

static char root[64];

static void put_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void put_link(const char *rel, const char *target)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void put_dir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void remove_dir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	assert_int_equal(rmdir(path), 0);
}

/* /etc, /run, /usr/local/lib, /usr/lib, each with binfmt.d. */
static int make_tree(void **state)
{
	static const char *const dirs[] = {
		"/etc",	    "/etc/binfmt.d",	 "/run",	   "/run/binfmt.d",
		"/usr",	    "/usr/local",	 "/usr/local/lib", "/usr/local/lib/binfmt.d",
		"/usr/lib", "/usr/lib/binfmt.d",
	};

	(void)state;
	snprintf(root, sizeof(root), "/tmp/binfmtd-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		put_dir(dirs[i]);
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int remove_tree(void **state)
{
	(void)state;
	return nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *base(const char *path)
{
	return strrchr(path, '/') + 1;
}

static void assert_path(const char *got, const char *rel)
{
	char want[256];

	snprintf(want, sizeof(want), "%s%s", root, rel);
	assert_string_equal(got, want);
}

static void collect_overrides_masks_and_sorts(void **state)
{
	struct binfmtd_files files;

	(void)state;
	put_file("/usr/lib/binfmt.d/z.conf", ":z:E::z::/i:\n");
	put_file("/usr/lib/binfmt.d/a.conf", ":a:E::a::/usr:\n");
	put_file("/run/binfmt.d/a.conf", ":a:E::a::/run:\n"); /* overrides /usr/lib */
	put_file("/usr/lib/binfmt.d/b.conf", ":b:E::b::/usr:\n");
	put_file("/etc/binfmt.d/b.conf", ":b:E::b::/etc:\n"); /* overrides both */
	put_file("/usr/local/lib/binfmt.d/b.conf", ":b:E::b::/loc:\n");
	put_file("/usr/lib/binfmt.d/c.conf", ":c:E::c::/usr:\n");
	put_file("/etc/binfmt.d/c.conf", ""); /* empty: masks */
	put_file("/usr/lib/binfmt.d/d.conf", ":d:E::d::/usr:\n");
	put_link("/etc/binfmt.d/d.conf", "/dev/null"); /* masks */
	put_file("/usr/lib/binfmt.d/y.conf", ":y:E::y::/usr:\n");
	put_link("/usr/local/lib/binfmt.d/y.conf", "missing.conf"); /* dangling: masks */
	put_dir("/etc/binfmt.d/dir.conf");			    /* a directory: ignored */
	put_file("/usr/lib/binfmt.d/dir.conf", ":dir:E::x::/usr:\n");
	put_file("/etc/binfmt.d/e.conf", ":e:E::e::/etc:\n");
	put_file("/etc/binfmt.d/notes.txt", "not a conf file\n");
	put_file("/etc/binfmt.d/.hidden.conf", ":h:E::h::/etc:\n");
	put_file("/etc/binfmt.d/.conf", ":h:E::h::/etc:\n");

	assert_int_equal(binfmtd_collect(root, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 5);
	assert_path(files.paths[0], "/run/binfmt.d/a.conf");
	assert_path(files.paths[1], "/etc/binfmt.d/b.conf");
	assert_path(files.paths[2], "/usr/lib/binfmt.d/dir.conf");
	assert_path(files.paths[3], "/etc/binfmt.d/e.conf");
	assert_path(files.paths[4], "/usr/lib/binfmt.d/z.conf");
	for (size_t i = 1; i < files.count; i++)
		assert_true(strcmp(base(files.paths[i - 1]), base(files.paths[i])) < 0);
	binfmtd_files_free(&files);
	assert_int_equal(files.count, 0);
	assert_null(files.paths);
}

static void collect_under_root_with_slash(void **state)
{
	struct binfmtd_files files;
	char slashed[80];

	(void)state;
	put_file("/usr/lib/binfmt.d/only.conf", ":o:E::o::/i:\n");
	snprintf(slashed, sizeof(slashed), "%s//", root);
	assert_int_equal(binfmtd_collect(slashed, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 1);
	assert_path(files.paths[0], "/usr/lib/binfmt.d/only.conf");
	binfmtd_files_free(&files);
}

static void collect_missing_dirs_is_no_error(void **state)
{
	static const char *const dirs[] = { "/nowhere/binfmt.d", "/etc/binfmt.d", NULL };
	struct binfmtd_files files;

	(void)state;
	assert_int_equal(binfmtd_collect(root, dirs, &files), 0);
	assert_int_equal(files.count, 0);
	binfmtd_files_free(&files);
	assert_int_equal(binfmtd_collect("/nonexistent-root", binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 0);
	binfmtd_files_free(&files);
}

static void parse_file_reports_by_path(void **state)
{
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	struct record r = { 0 };
	char path[256];

	(void)state;
	sink.arg = &r;
	put_file("/etc/binfmt.d/mixed.conf", "# header\n:ok:E::ok::/i:\n:bad:E::x::rel:\n");
	snprintf(path, sizeof(path), "%s/etc/binfmt.d/mixed.conf", root);
	assert_int_equal(binfmtd_parse_file(path, &sink), 1);
	assert_int_equal(r.entries, 1);
	assert_int_equal(r.entry_at[0], 2);
	assert_int_equal(r.err[0], BINFMT_E_INTERPRETER);
	assert_int_equal(r.err_at[0], 3);
	assert_string_equal(r.err_file[0], path);
	snprintf(path, sizeof(path), "%s/etc/binfmt.d/absent.conf", root);
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
	struct binfmtd_files files;

	(void)state;
	put_dir("/opt");
	put_dir("/opt/vendor");
	put_file("/opt/vendor/a.conf", ":a:E::a::/i:\n");
	put_link("/etc/binfmt.d/a.conf", "/opt/vendor/a.conf");
	put_dir("/srv");
	put_dir("/srv/binfmt.d");
	put_file("/srv/binfmt.d/b.conf", ":b:E::b::/i:\n");
	remove_dir("/run/binfmt.d");
	put_link("/run/binfmt.d", "/srv/binfmt.d");
	put_file("/usr/lib/binfmt.d/c.conf", ":c:E::c::/i:\n");
	put_link("/etc/binfmt.d/c.conf", "/etc/passwd"); /* the host's, not the image's */

	assert_int_equal(binfmtd_collect(root, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 2);
	assert_path(files.paths[0], "/etc/binfmt.d/a.conf");
	assert_path(files.paths[1], "/run/binfmt.d/b.conf");
	binfmtd_files_free(&files);
}

/* Reading a collected file resolves it inside the root too: a relative link
 * that climbs to / and back down to root/outside.conf on the host reaches
 * the image's own root/tmp/binfmtd-XXXXXX/outside.conf instead. Without a
 * root the same link reads the host's file. Reported by the path as
 * shown. */
static void parse_collected_reads_inside_root(void **state)
{
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	const char *const dirs[] = { "/etc/binfmt.d", NULL };
	char target[256], rel[128], dir[128];
	const char *host_dirs[] = { dir, NULL };
	struct binfmtd_files files;
	struct record r = { 0 };

	(void)state;
	sink.arg = &r;
	snprintf(target, sizeof(target), "../../../../../../..%s/outside.conf", root);
	put_link("/etc/binfmt.d/x.conf", target);
	put_file("/outside.conf", ":host:E::h::/i:\n");
	put_dir("/tmp");
	put_dir(root); /* root is /tmp/binfmtd-XXXXXX: the same path inside it */
	snprintf(rel, sizeof(rel), "%s/outside.conf", root);
	put_file(rel, ":inside:E::i::/i:\n");

	assert_int_equal(binfmtd_collect(root, dirs, &files), 0);
	assert_int_equal(files.count, 1);
	assert_path(files.paths[0], "/etc/binfmt.d/x.conf");
	assert_int_equal(binfmtd_parse_collected(&files, 0, &sink), 0);
	assert_int_equal(r.entries, 1);
	assert_string_equal(r.name[0], "inside");
	binfmtd_files_free(&files);

	snprintf(dir, sizeof(dir), "%s/etc/binfmt.d", root);
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
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error };
	struct binfmtd_files files;
	struct record r = { 0 };
	char path[256];

	(void)state;
	sink.arg = &r;
	put_file("/etc/binfmt.d/gone.conf", ":g:E::g::/i:\n");
	assert_int_equal(binfmtd_collect(root, binfmtd_dirs, &files), 0);
	assert_int_equal(files.count, 1);
	snprintf(path, sizeof(path), "%s/etc/binfmt.d/gone.conf", root);
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
						remove_tree),
		cmocka_unit_test_setup_teardown(collect_under_root_with_slash, make_tree,
						remove_tree),
		cmocka_unit_test_setup_teardown(collect_missing_dirs_is_no_error, make_tree,
						remove_tree),
		cmocka_unit_test_setup_teardown(parse_file_reports_by_path, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(collect_resolves_links_in_root, make_tree,
						remove_tree),
		cmocka_unit_test_setup_teardown(parse_collected_reads_inside_root, make_tree,
						remove_tree),
		cmocka_unit_test_setup_teardown(parse_collected_reports_by_path, make_tree,
						remove_tree),
	};

	return cmocka_run_group_tests_name("binfmt_binfmtd", tests, NULL, NULL);
}
