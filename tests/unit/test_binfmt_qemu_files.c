/* libbinfmt against the real thing: every binfmt.d file and update-binfmts
 * format file of Debian's qemu-user-static, as the build extracts them to
 * build/pkgs/qemu (see mk/rootfs.mk). Each must parse, say what
 * systemd-binfmt would write, and survive parse -> format -> parse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/binfmtd.h"
#include "binfmt/entry.h"
#include "binfmt/update_binfmts.h"

/* Debian ships one file per emulated architecture, 29 in qemu 9.x/10.x; a
 * handful fewer would still be a real package, an empty directory not. */
#define MIN_FILES 20
#define MAX_FILES 128

struct found {
	size_t count, errors;
	struct binfmt_entry e[MAX_FILES];
	char line[MAX_FILES][BINFMT_REGISTER_MAX + 1];
};

struct fixture {
	char pkg[PATH_MAX]; /* .../build/pkgs/qemu */
	struct found conf, update;
};

static int on_entry(void *arg, const struct binfmt_entry *e, const char *line,
		    const struct binfmt_origin *at)
{
	struct found *f = arg;

	(void)at;
	assert_true(f->count < MAX_FILES);
	f->e[f->count] = *e;
	snprintf(f->line[f->count], sizeof(f->line[f->count]), "%s", line);
	f->count++;
	return 0;
}

static void on_error(void *arg, int err, const struct binfmt_rule *rule,
		     const struct binfmt_origin *at)
{
	struct found *f = arg;

	print_error("%s:%u: %s\n", at->file, at->line, binfmt_error_text(err, rule));
	f->errors++;
}

/* build/unit/test_binfmt_qemu_files -> build/pkgs/qemu */
static int locate(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (!fx || n <= 0) {
		free(fx);
		return -1;
	}
	exe[n] = '\0';
	snprintf(fx->pkg, sizeof(fx->pkg), "%s/../pkgs/qemu", dirname(exe));
	*state = fx;
	return 0;
}

static int release(void **state)
{
	free(*state);
	return 0;
}

static void require_dir(const struct fixture *fx, const char *sub)
{
	char path[PATH_MAX + 64];
	DIR *d;

	snprintf(path, sizeof(path), "%s%s", fx->pkg, sub);
	d = opendir(path);
	if (!d) {
		fail_msg("%s: %s. It is extracted from qemu-user-static's .deb by the build "
			 "(make deps, then make unit-build)",
			 path, strerror(errno));
		return;
	}
	closedir(d);
}

static void assert_entries_equal(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->offset, b->offset);
	assert_int_equal(a->magic_len, b->magic_len);
	assert_memory_equal(a->magic, b->magic, a->magic_len);
	assert_int_equal(a->mask_len, b->mask_len);
	if (a->mask_len)
		assert_memory_equal(a->mask, b->mask, a->mask_len);
	assert_string_equal(a->interpreter, b->interpreter);
	assert_string_equal(a->flags, b->flags);
}

static void assert_round_trip(const struct binfmt_entry *e)
{
	char out[BINFMT_REGISTER_MAX + 1];
	struct binfmt_entry again;
	int n = binfmt_entry_format(e, out, sizeof(out));

	assert_true(n > 0);
	assert_int_equal(binfmt_entry_parse(out, (size_t)n, &again, NULL), 0);
	assert_entries_equal(e, &again);
}

/* The one rule line of a Debian binfmt.d file, stripped of blanks as
 * systemd-binfmt strips it; read here without libbinfmt. */
static void expected_rule(const char *path, char *rule, size_t size)
{
	char buf[BINFMT_REGISTER_MAX + 64];
	FILE *f = fopen(path, "r");
	int rules = 0;

	assert_non_null(f);
	while (fgets(buf, sizeof(buf), f)) {
		char *s = buf, *end;

		s += strspn(s, " \t\r\n");
		end = s + strlen(s);
		while (end > s && strchr(" \t\r\n", end[-1]))
			*--end = '\0';
		if (!*s || *s == '#' || *s == ';')
			continue;
		snprintf(rule, size, "%s", s);
		rules++;
	}
	fclose(f);
	assert_int_equal(rules, 1);
}

static void binfmt_d_files(void **state)
{
	static const char *const dirs[] = { "/usr/lib/binfmt.d", NULL };
	struct fixture *fx = *state;
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error, .arg = &fx->conf };
	struct binfmtd_files files;

	require_dir(fx, dirs[0]);
	assert_int_equal(binfmtd_collect(fx->pkg, dirs, &files), 0);
	if (files.count < MIN_FILES) {
		binfmtd_files_free(&files);
		fail_msg("%s%s: fewer than %d .conf files", fx->pkg, dirs[0], MIN_FILES);
	}
	for (size_t i = 0; i < files.count; i++) {
		char rule[BINFMT_REGISTER_MAX + 64];
		size_t before = fx->conf.count;

		assert_int_equal(binfmtd_parse_file(files.paths[i], &sink), 0);
		assert_int_equal(fx->conf.count, before + 1);
		expected_rule(files.paths[i], rule, sizeof(rule));
		assert_string_equal(fx->conf.line[before], rule);
		assert_round_trip(&fx->conf.e[before]);
	}
	assert_int_equal(fx->conf.errors, 0);
	binfmtd_files_free(&files);
}

static const struct binfmt_entry *by_name(const struct found *f, const char *name)
{
	for (size_t i = 0; i < f->count; i++)
		if (!strcmp(f->e[i].name, name))
			return &f->e[i];
	return NULL;
}

static void read_update_files(struct fixture *fx)
{
	struct binfmt_sink sink = { .entry = on_entry, .error = on_error, .arg = &fx->update };
	char dir[PATH_MAX + 64], path[PATH_MAX + 400];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/usr/share/binfmts", fx->pkg);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_int_equal(update_binfmts_parse_file(path, &sink), 0);
	}
	closedir(d);
	assert_int_equal(fx->update.errors, 0);
}

/* The same flags, except that Debian's binfmt.d files add O (open-binary)
 * while its update-binfmts files say "credentials no", and binfmt-support
 * can only ask for O through C: qemu's .conf has OPF, update-binfmts
 * registers PF. The kernel does not imply O from P or F, so this is a real
 * difference of what Debian ships; assert exactly that. */
static void assert_flags_as_debian_ships(const char *conf, const char *update)
{
	char without_o[8];
	size_t n = 0;

	for (const char *p = conf; *p; p++)
		if (*p != 'O')
			without_o[n++] = *p;
	without_o[n] = '\0';
	assert_string_equal(without_o, update);
	assert_non_null(strchr(conf, 'O'));
	assert_null(strchr(update, 'C'));
}

static void update_binfmts_files(void **state)
{
	struct fixture *fx = *state;

	require_dir(fx, "/usr/share/binfmts");
	/* The binfmt.d entries to compare with, read (and checked) afresh so
	 * that this test also runs alone. */
	memset(&fx->conf, 0, sizeof(fx->conf));
	binfmt_d_files(state);
	read_update_files(fx);
	assert_true(fx->update.count >= MIN_FILES);
	assert_int_equal(fx->update.count, fx->conf.count);
	for (size_t i = 0; i < fx->update.count; i++) {
		const struct binfmt_entry *u = &fx->update.e[i], *c = by_name(&fx->conf, u->name);

		assert_round_trip(u);
		if (!c) {
			fail_msg("%s has no binfmt.d counterpart", u->name);
			return;
		}
		assert_int_equal(u->type, c->type);
		assert_int_equal(u->offset, c->offset);
		assert_int_equal(u->magic_len, c->magic_len);
		assert_memory_equal(u->magic, c->magic, u->magic_len);
		assert_int_equal(u->mask_len, c->mask_len);
		assert_memory_equal(u->mask, c->mask, u->mask_len);
		assert_string_equal(u->interpreter, c->interpreter);
		assert_flags_as_debian_ships(c->flags, u->flags);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(binfmt_d_files),
		cmocka_unit_test(update_binfmts_files),
	};

	return cmocka_run_group_tests_name("binfmt_qemu_files", tests, locate, release);
}
